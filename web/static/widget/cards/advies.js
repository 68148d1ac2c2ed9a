/* The advice card (payload "advies"): the rung, the ranked combinations, warnings, similar cases
 * and a link to the printable plan. */
import { asList, el, number } from "../dom.js";
import { appendEvidence, card, exampleLabel, facts, isExample, named, section, textList } from "./parts.js";

export function renderAdvice(p, text, context) {
  var node = card("advies", "Advies voor uw situatie");
  if (p.niveau) {
    var level = el("p", "besliswijzer__niveau");
    level.appendChild(document.createTextNode("Niveau van participatie: "));
    level.appendChild(el("strong", null, named(p.niveau_naam, p.niveau)));
    node.appendChild(level);
    if (p.niveau_toelichting) {
      node.appendChild(el("p", "besliswijzer__toelichting", p.niveau_toelichting));
    }
  }
  var ol = el("ol", "besliswijzer__combinaties");
  asList(p.combinaties).forEach(function (c) {
    ol.appendChild(combination(c));
  });
  node.appendChild(ol);
  if (asList(p.waarschuwingen).length) {
    section(node, "Let op", textList(p.waarschuwingen, "besliswijzer__waarschuwingen"));
  }
  if (asList(p.casussen).length) {
    var ul = el("ul", "besliswijzer__casuslijst");
    asList(p.casussen).forEach(function (k) {
      var li = el("li");
      li.appendChild(document.createTextNode(k.titel + (k.gemeente ? " (" + k.gemeente + ")" : "")));
      if (isExample(k)) {
        li.appendChild(document.createTextNode(" "));
        li.appendChild(exampleLabel());
      }
      appendEvidence(li, k);
      ul.appendChild(li);
    });
    section(node, "Vergelijkbare trajecten", ul);
  }
  if (p.profiel && typeof p.profiel === "object") {
    var link = el("a", "besliswijzer__planlink", "Maak hiervan een participatieplan (opent in een nieuw tabblad)");
    link.href = context.apiBase + "plan?" + planQuery(p.profiel);
    link.target = "_blank";
    link.rel = "noopener";
    var para = el("p", "besliswijzer__plan");
    para.appendChild(link);
    node.appendChild(para);
  }
  return node;
}

function combination(c) {
  var li = el("li", "besliswijzer__combinatie");
  var methodName = named(c.methode_naam, c.methode);
  var name = methodName + (c.tool ? " + " + named(c.tool_naam, c.tool) : " (zonder digitaal hulpmiddel)");
  li.appendChild(el("h4", "besliswijzer__combinatie-kop", name));
  var origin = c.herkomst_tekst && typeof c.herkomst_tekst === "object" ? c.herkomst_tekst : {};
  li.appendChild(facts([
    ["Kanaal", c.kanaal],
    ["Kosten", withOrigin(c.kosten, origin.kosten)],
    ["Duur", withOrigin(c.duur_tekst, origin.duur_weken)],
    ["Past bij uw situatie", typeof c.score === "number" ? number(c.score * 100, 0) + "%" : ""]
  ]));
  if (c.waarom) {
    var why = el("p", "besliswijzer__waarom");
    why.appendChild(el("strong", null, "Waarom: "));
    why.appendChild(document.createTextNode(c.waarom));
    li.appendChild(why);
  }
  if (asList(c.vaardigheden).length) {
    section(li, "Wat uw team nodig heeft", textList(c.vaardigheden, "besliswijzer__vaardigheden"), "h5");
  }
  if (asList(c.valkuilen).length) {
    section(li, "Valkuilen", textList(c.valkuilen, "besliswijzer__valkuilen"), "h5");
  }
  return li;
}

function withOrigin(value, origin) {
  // "hoog (bron: ...)", "6 weken (schatting)", "26 weken (uit 5 casussen)": where the figure comes from.
  if (value === "" || value === null || value === undefined) {
    return value;
  }
  return typeof origin === "string" && origin ? value + " (" + origin + ")" : value;
}

function planQuery(profile) {
  // The plan page reads the profile from its query (web/plan.py): lists as repeated keys,
  // yes/no as ja/nee. Every field of the payload's profile goes along; the page ignores the rest.
  var params = new URLSearchParams();
  Object.keys(profile).forEach(function (key) {
    var value = profile[key];
    (Array.isArray(value) ? value : [value]).forEach(function (item) {
      if (typeof item === "boolean") {
        params.append(key, item ? "ja" : "nee");
      } else if ((typeof item === "string" && item !== "") || (typeof item === "number" && isFinite(item))) {
        params.append(key, String(item));
      }
    });
  });
  return params.toString();
}
