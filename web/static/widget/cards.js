/*
 * Cards: the `custom` payload of a bot message drawn as a card, one module per payload type
 * (cards/advies.js ... cards/uitleg.js, named after the contract's types). A type without a card
 * (kennis) shows only its text.
 */
import { renderAdvice } from "./cards/advies.js";
import { renderAssessment } from "./cards/evaluatie.js";
import { renderCases } from "./cards/casussen.js";
import { renderComparison } from "./cards/vergelijking.js";
import { renderExplanation } from "./cards/uitleg.js";

var RENDERERS = {
  advies: renderAdvice,
  evaluatie: renderAssessment,
  casussen: renderCases,
  vergelijking: renderComparison,
  uitleg: renderExplanation
};

/**
 * The card for a payload, or null. `text` is the message's chat text; `context.apiBase` is the
 * app's address (for links to its pages).
 */
export function renderCard(custom, text, context) {
  var renderer = Object.prototype.hasOwnProperty.call(RENDERERS, custom.type) ? RENDERERS[custom.type] : null;
  if (!renderer) {
    return null;
  }
  try {
    return renderer(custom, text, context);
  } catch (e) {
    return null; // a malformed payload must not break the conversation
  }
}
