interface LabelledInputProps {
  id: string;
  label: string;
  value: string;
  onValue: (value: string) => void;
  type?: 'text' | 'url' | 'password';
  placeholder?: string;
  autocomplete?: string;
  /** 'change': the value is taken when the field is left or Enter pressed, not at each keystroke. */
  on?: 'input' | 'change';
  /** The element around the pair: a block of its own, or inline beside other filters. */
  wrap?: 'div' | 'span';
}

/** A text field with its label before it, as the /f/ pages' forms lay them out. */
export function LabelledInput({ id, label, onValue, type = 'text', on = 'input', wrap: Wrap = 'div', ...field }: LabelledInputProps) {
  const take = (e: Event) => onValue((e.target as HTMLInputElement).value);
  return (
    <Wrap>
      <label for={id}>{label}</label>{' '}
      <input id={id} type={type} {...field} {...(on === 'input' ? { onInput: take } : { onChange: take })} />
    </Wrap>
  );
}
