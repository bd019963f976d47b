/** Vite's `?raw` imports: the file's text (the UI shows docs/api.md's list of accepted queries). */
declare module '*.md?raw' {
  const text: string;
  export default text;
}
