/**
 * Marks shared by the parsers (which produce them) and the citer (which must quote around them):
 * terminal colour codes in pasted text, and the mask a Secret's value is replaced with.
 */

/** CSI sequences (colours, cursor moves) and OSC sequences (hyperlinks, titles). */
// eslint-disable-next-line no-control-regex
export const ANSI = /\u001b\[[0-?]*[ -/]*[@-~]|\u001b\][^\u0007\u001b]*(?:\u0007|\u001b\\)/g;

/** What a masked Secret value reads as in the source lines; the citer quotes up to it. */
export const SECRET_MASK = '••••';
