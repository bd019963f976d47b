import { useEffect, useState } from 'preact/hooks';

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

/**
 * A text field with its label before it, as the /f/ pages' forms lay them out. What is typed is
 * the field's own until it is taken: a render meanwhile (a list arriving while one types into a
 * filter taken on Enter) does not put the last taken value back.
 */
export function LabelledInput({
  id,
  label,
  value,
  onValue,
  type = 'text',
  on = 'input',
  wrap: Wrap = 'div',
  ...field
}: LabelledInputProps) {
  const [typed, setTyped] = useState(value);
  useEffect(() => setTyped(value), [value]);
  const valueOf = (e: Event) => (e.target as HTMLInputElement).value;
  return (
    <Wrap>
      <label for={id}>{label}</label>{' '}
      <input
        id={id}
        type={type}
        {...field}
        value={typed}
        onInput={(e) => {
          setTyped(valueOf(e));
          if (on === 'input') onValue(valueOf(e));
        }}
        {...(on === 'change' ? { onChange: (e: Event) => onValue(valueOf(e)) } : {})}
      />
    </Wrap>
  );
}
