/**
 * Failure signatures, one function for the server and the web UI (browser-safe: nothing here imports
 * Node). The rules are documented in docs/formats.md, "Failure signatures".
 *
 * - `failureSignature(traceback, testId)`: the masked cause of one failure, what groups failures.
 * - `exceptionText(traceback)`: the unmasked lines of that cause (the view marks them).
 * - `maskPastedLine(text)` + `signatureMatchesPasted(signature, masked)`: search by a pasted line,
 *   `<test>` in a stored signature matching any name.
 * - `PLACEHOLDERS`: what masked parts look like.
 *
 * The id of a signature (`signatureId`) needs SHA-256 and is the server's: ../failure-cause.ts.
 */
export { exceptionText } from './exception-text';
export { failureSignature, NO_DETAILS_SIGNATURE, MAX_LINE_CHARS, MAX_SIGNATURE_CHARS } from './failure-signature';
export { maskLine, PLACEHOLDERS, type Placeholder } from './mask';
export { maskPastedLine, signatureMatchesPasted } from './pasted-line';
export { bareTestId } from './test-name';
