/* The cases card (payload "casussen"): each case with its facts, result, outcome note and sources. */
import { asList, el } from "../dom.js";
import { appendEvidence, card, exampleLabel, facts, isExample, named, namedList } from "./parts.js";

export function renderCases(p) {
  var cases = asList(p.casussen);
  var node = card("casussen", cases.length ? "Trajecten elders" : "Geen trajecten gevonden");
  var ul = el("ul", "besliswijzer__casussen");
  var anyExample = false;
  cases.forEach(function (k) {
    var li = el("li", "besliswijzer__casus");
    var head = el("p", "besliswijzer__casus-kop");
    head.appendChild(el("strong", null, k.titel || "Traject"));
    if (k.gemeente) {
      head.appendChild(document.createTextNode(" – " + k.gemeente));
    }
    if (isExample(k)) {
      anyExample = true;
      head.appendChild(document.createTextNode(" "));
      head.appendChild(exampleLabel());
    }
    li.appendChild(head);
    li.appendChild(facts([
      ["Thema", k.thema ? named(k.thema_naam, k.thema) : ""],
      ["Werkvormen", namedList(k.methode_namen, k.methodes).join(", ")],
      ["Digitale hulpmiddelen", namedList(k.tool_namen, k.tools).join(", ")],
      ["Doelgroepen", namedList(k.doelgroep_namen, k.doelgroepen).join(", ")]
    ]));
    if (k.resultaat) {
      li.appendChild(el("p", "besliswijzer__resultaat", k.resultaat));
    }
    appendEvidence(li, k);
    ul.appendChild(li);
  });
  node.appendChild(ul);
  if (anyExample) {
    node.appendChild(el("p", "besliswijzer__noot",
      "Een ‘voorbeeld’ is verzonnen om te laten zien hoe het kan. Het is geen echt resultaat uit een living lab."));
  }
  return node;
}
