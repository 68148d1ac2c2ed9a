/* The comparison card (payload "vergelijking"): per method or tool its fit, pros and cons. */
import { asList, el, number } from "../dom.js";
import { card, named, textList } from "./parts.js";

export function renderComparison(p) {
  var node = card("vergelijking", "Vergelijking");
  var ul = el("ul", "besliswijzer__vergelijking");
  asList(p.items).forEach(function (item) {
    var li = el("li", "besliswijzer__vergelijk-item");
    li.appendChild(el("h4", "besliswijzer__combinatie-kop", named(item.naam, item.id)));
    if (typeof item.score === "number") {
      li.appendChild(el("p", null, "Past bij uw situatie: " + number(item.score * 100, 0) + "%"));
    }
    if (asList(item.voordelen).length) {
      li.appendChild(el("p", "besliswijzer__lijstkop", "Voordelen"));
      li.appendChild(textList(item.voordelen));
    }
    if (asList(item.nadelen).length) {
      li.appendChild(el("p", "besliswijzer__lijstkop", "Nadelen"));
      li.appendChild(textList(item.nadelen));
    }
    ul.appendChild(li);
  });
  node.appendChild(ul);
  return node;
}
