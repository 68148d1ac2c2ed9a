/*
 * Small DOM helpers shared by the chat and its cards.
 *
 * Safety rule of the widget: text from the bot or the user only ever reaches the page through
 * textContent, attributes set one by one, or URLs we build ourselves; never through innerHTML.
 * The page's CSP forbids inline script and enforces Trusted Types.
 */

/** A new element with an optional class and text (always as text, never as HTML). */
export function el(tag, className, text) {
  var node = document.createElement(tag);
  if (className) {
    node.className = className;
  }
  if (text !== undefined && text !== null) {
    node.textContent = String(text);
  }
  return node;
}

/** The value when it is a list, else an empty list: payloads from outside are not trusted. */
export function asList(value) {
  return Array.isArray(value) ? value : [];
}

/** A number as Dutch readers write it (decimal comma), "" when it is no number. */
export function number(value, digits) {
  var n = Number(value);
  if (!isFinite(n)) {
    return "";
  }
  return n.toLocaleString("nl-NL", { maximumFractionDigits: digits === undefined ? 1 : digits });
}

/** An id as words, only for a payload that lacks the name: "world_cafe" -> "World cafe". */
export function humanise(id) {
  if (id === null || id === undefined) {
    return "";
  }
  var text = String(id).replace(/_/g, " ");
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/** A short random id for aria references; unique enough within one page. */
export function randomId(prefix) {
  return prefix + "-" + Math.random().toString(36).slice(2, 8);
}
