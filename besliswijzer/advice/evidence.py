"""Evidence from cases for a method: how well it worked in similar cases, and what may honestly be said.

Weights and thresholds are in data/regels.yml, section `bewijs` (explained in docs/kennisbank.md):

- what a case shows: an assessed case (own evaluation, or a case with pillar scores) shows its total score
  for the methods it assessed; a documented case shows "it worked" for a method only when its outcome is
  known and the source's own judgement (wat_werkte) names that method, by its name or a synonym (the
  catalogue's matching): "tweejaarlijkse herhaling" credits no excursion. Every other method of the case
  is only an example: the case shows that the method was used there, not that it worked;
- how much a case weighs: similarity x recency x (own evaluation or documented); invented examples weigh
  `gewicht_voorbeeldcasus` (0: never evidence);
- how many cases: the mean value is pulled towards neutral (0.5) when few cases carry weight.

A case is only ever cited for what it shows: "werkte goed" needs a case whose own value for that method is
positive, and quotes the source's sentence that names the method.
"""
import datetime as dt
from dataclasses import dataclass

from besliswijzer.cases.mapping import mentions          # how case texts name catalogue ids


@dataclass(frozen=True)
class Evidence:
    value: float                  # 0-1; 0.5 is neutral
    good: object = None           # the best-weighted case that shows the method worked well
    poor: object = None           # the best-weighted case that shows it worked poorly
    used: object = None           # the most similar case that only shows the method was used
    says: str = None              # what the good case's source says worked, in a sentence naming the method


def judged_methods(methodes, werkte, werkte_niet, cat) -> tuple:
    """((method, sentence, mixed), ...): the case's methods its source's judgement names.

    sentence: the first sentence of wat_werkte naming the method; mixed: wat_niet names it too."""
    def named(sentence):
        return {i for e, i in mentions(("methode",), sentence, cat) if e == "methode"}
    worked = {}
    for sentence in werkte or ():
        for method in named(sentence):
            worked.setdefault(method, sentence)
    failed = set().union(*(named(s) for s in werkte_niet or ()))
    return tuple((m, worked[m], m in failed) for m in methodes if m in worked)


def case_value(case, rules, method=None):
    """What a case shows about how well `method` worked: 0-1, or None when it shows nothing about that.

    Without `method`: what the case shows for the methods its source judges (the best of them)."""
    if case.totaal is not None:
        return (case.totaal - 1) / 4
    if case.uitkomst_bekend != "ja":
        return None
    for judged, _, mixed in case.credited:
        if method is None or judged == method:
            return rules["waarde_gedocumenteerd_gemengd" if mixed else "waarde_gedocumenteerd_positief"]
    return None


def recency(case, rules, this_year=None):
    if not case.jaar:
        return rules["gewicht_jaar_onbekend"]
    age = max(0, (this_year or dt.date.today().year) - case.jaar)
    return 0.5 ** (age / rules["halfwaardetijd_jaren"])


def case_weight(case, rules, this_year=None):
    kind = ("gewicht_voorbeeldcasus" if case.voorbeeld else
            "gewicht_eigen_evaluatie" if case.eigen_evaluatie else "gewicht_gedocumenteerd")
    return case.similarity * recency(case, rules, this_year) * rules[kind]


def method_evidence(ranked, threshold, rules, this_year=None) -> dict:
    """method id -> Evidence, from the ranked similar cases at or above the similarity threshold."""
    sums = {}
    for case in ranked:
        if case.similarity < threshold:
            continue
        weight = case_weight(case, rules, this_year)
        for method in case.methodes:
            value = case_value(case, rules, method)
            total, weights, good, poor, used = sums.get(method, (0.0, 0.0, None, None, None))
            if value is None or weight <= 0:
                if used is None and not case.voorbeeld:
                    used = case
            else:
                total, weights = total + weight * value, weights + weight
                if value >= rules["werkte_goed_vanaf"] and (good is None or weight > good[1]):
                    good = (case, weight)
                if value <= rules["werkte_slecht_tot"] and (poor is None or weight > poor[1]):
                    poor = (case, weight)
            sums[method] = (total, weights, good, poor, used)
    out = {}
    for method, (total, weights, good, poor, used) in sums.items():
        value = 0.5
        if weights > 0:
            value = 0.5 + (total / weights - 0.5) * weights / (weights + rules["demping"])
        says = None
        if good is not None and good[0].totaal is None:
            says = next((sentence for m, sentence, _ in good[0].credited if m == method), None)
        out[method] = Evidence(round(value, 3), good and good[0], poor and poor[0], used, says)
    return out


def evidence_reason(evidence, say) -> str:
    """The sentence for 'waarom', naming only a case that shows what the sentence says (or None)."""
    if evidence.value > 0.5 and evidence.good is not None:
        case = evidence.good
        if case.totaal is not None:
            return say["casussen_beoordeeld"].format(titel=case.titel, gemeente=case.gemeente)
        return say["casussen"].format(titel=case.titel, gemeente=case.gemeente, werkte=evidence.says)
    if evidence.value < 0.5 and evidence.poor is not None:
        return say["casussen_minder"].format(titel=evidence.poor.titel, gemeente=evidence.poor.gemeente)
    if evidence.used is not None:
        case = evidence.used
        if case.uitkomst_bekend in ("ja", "deels") and case.uitkomst:
            return say["casussen_gebruikt_uitkomst"].format(titel=case.titel, gemeente=case.gemeente,
                                                            uitkomst=case.uitkomst[0])
        return say["casussen_gebruikt"].format(titel=case.titel, gemeente=case.gemeente)
    return None
