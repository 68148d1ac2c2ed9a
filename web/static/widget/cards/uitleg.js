/* The explanation card (payload "uitleg"): a title, and the text unless the chat text already holds it. */
import { el } from "../dom.js";
import { card, named } from "./parts.js";

export function renderExplanation(p, text) {
  var node = card("uitleg", named(p.titel, p.onderwerp));
  // The chat text usually already holds the explanation; say it once.
  if (p.tekst && (!text || text.indexOf(p.tekst) === -1)) {
    node.appendChild(el("p", "besliswijzer__tekst", p.tekst));
  }
  return node;
}
