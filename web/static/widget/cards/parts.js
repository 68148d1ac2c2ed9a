/*
 * The parts every card is built from: the card frame, facts, lists, sections, the "voorbeeld"
 * badge and a case's evidence. Names and notes come worded in the payload (the core's one label
 * lookup and its case texts); a card only lays them out.
 */
import { asList, el, humanise, randomId } from "../dom.js";

/** An <article> with a heading that names it for screen readers. */
export function card(kind, heading) {
  var node = el("article", "besliswijzer__kaart besliswijzer__kaart--" + kind);
  var h = el("h3", "besliswijzer__kaart-kop", heading);
  h.id = randomId("besliswijzer-kaart");
  node.setAttribute("aria-labelledby", h.id);
  node.appendChild(h);
  return node;
}

/** A definition list of [term, value] pairs; empty values are left out. */
export function facts(pairs) {
  var dl = el("dl", "besliswijzer__feiten");
  pairs.forEach(function (pair) {
    if (pair[1] === "" || pair[1] === null || pair[1] === undefined) {
      return;
    }
    var row = el("div");
    row.appendChild(el("dt", null, pair[0]));
    row.appendChild(el("dd", null, pair[1]));
    dl.appendChild(row);
  });
  return dl;
}

export function textList(items, className) {
  var ul = el("ul", className);
  asList(items).forEach(function (item) {
    ul.appendChild(el("li", null, item));
  });
  return ul;
}

export function section(parent, heading, content, tag) {
  var box = el("div", "besliswijzer__deel");
  box.appendChild(el(tag || "h4", "besliswijzer__deel-kop", heading));
  box.appendChild(content);
  parent.appendChild(box);
}

/** The payload's name for an id, or the id as words when an older payload has none. */
export function named(name, id) {
  return typeof name === "string" && name ? name : humanise(id);
}

/** The payload's names for a list of ids (same order), falling back per id. */
export function namedList(names, ids) {
  var given = asList(names);
  return asList(ids).map(function (id, i) { return named(given[i], id); });
}

export function exampleLabel() {
  var badge = el("span", "besliswijzer__label-voorbeeld", "voorbeeld");
  badge.title = "Verzonnen voorbeeld, geen echt resultaat";
  return badge;
}

export function isExample(caseItem) {
  // Only a case explicitly marked as recorded loses the label.
  return !caseItem || caseItem.voorbeeld !== false;
}

function isLink(url) {
  // Only http(s) addresses become links; never javascript: or data: URLs from a payload.
  try {
    var parsed = new URL(String(url), window.location.href);
    return (parsed.protocol === "https:" || parsed.protocol === "http:") && /^https?:\/\//i.test(String(url));
  } catch (e) {
    return false;
  }
}

function sourceLinks(caseItem) {
  // The case's sources as links (new tab), or null when it has none.
  var sources = asList(caseItem.bronnen).filter(function (b) { return b && isLink(b.url); });
  if (!sources.length) {
    return null;
  }
  var para = el("p", "besliswijzer__bronnen");
  para.appendChild(document.createTextNode(sources.length > 1 ? "Bronnen: " : "Bron: "));
  sources.forEach(function (b, i) {
    if (i) {
      para.appendChild(document.createTextNode("; "));
    }
    var link = el("a", null, b.titel || b.url);
    link.href = b.url;
    link.target = "_blank";
    link.rel = "noopener noreferrer";
    link.setAttribute("aria-label", (b.titel || b.url) + " (opent in een nieuw tabblad)");
    para.appendChild(link);
  });
  return para;
}

function outcomeNote(caseItem) {
  // The core words the note (uitkomst_tekst), the same words as the chat text; "" means known.
  var note = caseItem.uitkomst_tekst;
  return typeof note === "string" && note ? el("p", "besliswijzer__uitkomst-onbekend", note) : null;
}

function originNote(caseItem) {
  // A case followed from another installation: the core words where it comes from (herkomst_tekst).
  var note = caseItem.herkomst_tekst;
  return typeof note === "string" && note ? el("p", "besliswijzer__herkomst", note) : null;
}

function licenceNote(caseItem) {
  // Facts under a licence other than this installation's own (Participedia's data: CC BY-NC-SA 3.0): its
  // name as a link to its text, then whom to credit and what it allows, worded by the core (licentie_tekst,
  // the same words as the chat text). An own-licence case has no licentie_tekst and shows nothing.
  var note = caseItem.licentie_tekst;
  if (typeof note !== "string" || !note || !isLink(caseItem.licentie)) {
    return null;
  }
  var name = typeof caseItem.licentie_naam === "string" && caseItem.licentie_naam ? caseItem.licentie_naam
    : caseItem.licentie;
  var para = el("p", "besliswijzer__licentie");
  para.appendChild(document.createTextNode("Licentie: "));
  var link = el("a", null, name);
  link.href = caseItem.licentie;
  link.target = "_blank";
  link.rel = "noopener noreferrer";
  link.setAttribute("aria-label", "Licentie " + name + " (opent in een nieuw tabblad)");
  para.appendChild(link);
  para.appendChild(document.createTextNode(", " + note));
  return para;
}

/** Whether the outcome of a case is known, where it comes from, its sources and the licence of its facts. */
export function appendEvidence(parent, caseItem) {
  [outcomeNote(caseItem), originNote(caseItem), sourceLinks(caseItem), licenceNote(caseItem)].forEach(function (node) {
    if (node) {
      parent.appendChild(node);
    }
  });
}
