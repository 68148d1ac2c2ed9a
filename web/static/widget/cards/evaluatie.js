/* The assessment card (payload "evaluatie"): a bar and a number per pillar, the total, what went
 * well, what can be better, and inclusion. */
import { asList, el, number } from "../dom.js";
import { card, named, section, textList } from "./parts.js";

export function renderAssessment(p) {
  var node = card("evaluatie", "Beoordeling van uw traject");
  var ul = el("ul", "besliswijzer__scores");
  var scores = p.scores && typeof p.scores === "object" ? p.scores : {};
  var names = p.pijler_namen && typeof p.pijler_namen === "object" ? p.pijler_namen : {};
  // The worded figures (totaal_tekst, scores_tekst, inclusie.score_tekst) are what the chat says; the
  // numbers are only the fallback for older payloads.
  var worded = p.scores_tekst && typeof p.scores_tekst === "object" ? p.scores_tekst : {};
  Object.keys(scores).forEach(function (key) {
    var value = Number(scores[key]);
    var li = el("li", "besliswijzer__score");
    li.appendChild(el("span", "besliswijzer__score-naam", named(names[key], key)));
    var bar = el("span", "besliswijzer__balk");
    bar.setAttribute("aria-hidden", "true");
    var fill = el("span", "besliswijzer__balk-vulling");
    var pct = Math.max(0, Math.min(100, (value / 5) * 100));
    fill.style.width = pct + "%";
    bar.appendChild(fill);
    li.appendChild(bar);
    li.appendChild(el("span", "besliswijzer__score-getal", figure(worded[key], value, 1) + " van 5"));
    ul.appendChild(li);
  });
  node.appendChild(ul);
  if (p.totaal !== undefined && p.totaal !== null) {
    node.appendChild(el("p", "besliswijzer__totaal", "Totaal: " + figure(p.totaal_tekst, p.totaal, 1) + " van 5"));
  }
  if (asList(p.sterk).length) {
    section(node, "Dit gaat goed", textList(p.sterk));
  }
  if (asList(p.verbeterpunten).length) {
    section(node, "Dit kan beter", textList(p.verbeterpunten));
  }
  var inclusion = p.inclusie || {};
  if (inclusion.score !== undefined && inclusion.score !== null) {
    section(node, "Meedoen van iedereen: " + figure(inclusion.score_tekst, inclusion.score, 1) + " van 5",
      textList(asList(inclusion.wat_goed_ging).concat(asList(inclusion.wat_beter_kan))));
  }
  if (p.casus_id) {
    node.appendChild(el("p", "besliswijzer__noot", "Opgeslagen als casus " + p.casus_id + "."));
  }
  return node;
}

function figure(text, value, decimals) {
  return typeof text === "string" && text ? text : number(value, decimals);
}
