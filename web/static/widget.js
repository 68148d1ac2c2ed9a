/*
 * Besliswijzer chat widget. Plain JavaScript, no framework, no third-party calls.
 *
 * Embed with one script tag (see docs/widget.md):
 *   <script src="https://besliswijzer.example.nl/static/widget.js"
 *           data-titel="Besliswijzer participatie" data-kleur-primair="#154273"></script>
 *
 * Safety rule of this file: text from the bot or the user only ever reaches the page
 * through textContent, attributes set one by one, or URLs we build ourselves; never
 * through innerHTML. The page's CSP forbids inline script and enforces Trusted Types.
 */
(function () {
  "use strict";

  var script = document.currentScript;
  if (!script || !script.src) {
    return;
  }
  var scriptUrl = new URL(script.src, window.location.href);
  // The app may live under a path prefix: everything before "static/widget.js".
  var basePath = scriptUrl.pathname.replace(/static\/widget\.js$/, "");
  var apiBase = scriptUrl.origin + basePath;
  var data = script.dataset;

  var COLOUR_OPTIONS = {
    "kleurPrimair": "--besliswijzer-color-primary",
    "kleurPrimairTekst": "--besliswijzer-color-primary-text",
    "kleurAccent": "--besliswijzer-color-accent",
    "kleurAchtergrond": "--besliswijzer-color-background"
  };
  var OPTION_ATTRIBUTES = {
    "kleurPrimair": "kleur-primair",
    "kleurPrimairTekst": "kleur-primair-tekst",
    "kleurAccent": "kleur-accent",
    "kleurAchtergrond": "kleur-achtergrond"
  };

  // On a page of another origin the chat API would be cross-origin, which it refuses
  // on purpose. Show the widget page in an iframe instead (allowed by FRAME_ANCESTORS).
  if (scriptUrl.origin !== window.location.origin) {
    embedFrame();
    return;
  }

  var STORAGE_KEY = "besliswijzer.gesprek";
  var MAX_STORED = 200;
  var WELCOME = "Hallo! Ik ben de besliswijzer. Ik help u kiezen hoe u inwoners, ondernemers " +
    "of organisaties betrekt bij uw beleid of project. Waar kan ik u mee helpen?";
  var START_BUTTONS = [
    { title: "Advies vragen", payload: "/advies_vragen" },
    { title: "Voorbeelden bekijken", payload: "/casus_zoeken" },
    { title: "Traject beoordelen", payload: "/traject_evalueren" },
    { title: "Wat kun je?", payload: "/wat_kun_je" }
  ];
  var PILLARS = { effect: "Effect", meerwaarde: "Meerwaarde", houding: "Houding",
    competenties: "Competenties" };

  var uid = "besliswijzer-" + Math.random().toString(36).slice(2, 8);
  var state = {
    history: loadHistory(),
    labels: {},
    retention: null,
    busy: false,
    ready: null
  };
  var ui = buildShell();
  applyOptions(ui.root);
  ensureStylesheet();
  state.ready = loadInfo();
  renderAll();

  // ---------------------------------------------------------------- helpers

  function el(tag, className, text) {
    var node = document.createElement(tag);
    if (className) {
      node.className = className;
    }
    if (text !== undefined && text !== null) {
      node.textContent = String(text);
    }
    return node;
  }

  function label(id) {
    if (id === null || id === undefined) {
      return "";
    }
    var known = state.labels[id];
    if (known) {
      return known;
    }
    var text = String(id).replace(/_/g, " ");
    return text.charAt(0).toUpperCase() + text.slice(1);
  }

  function number(value, digits) {
    var n = Number(value);
    if (!isFinite(n)) {
      return "";
    }
    return n.toLocaleString("nl-NL", { maximumFractionDigits: digits === undefined ? 1 : digits });
  }

  function asList(value) {
    return Array.isArray(value) ? value : [];
  }

  function readCookie(name) {
    var parts = document.cookie ? document.cookie.split(";") : [];
    for (var i = 0; i < parts.length; i++) {
      var pair = parts[i].trim();
      if (pair.indexOf(name + "=") === 0) {
        return decodeURIComponent(pair.slice(name.length + 1));
      }
    }
    return "";
  }

  // ------------------------------------------------------------- embedding

  function embedFrame() {
    var params = new URLSearchParams();
    if (data.titel) {
      params.set("titel", data.titel);
    }
    Object.keys(OPTION_ATTRIBUTES).forEach(function (key) {
      if (data[key]) {
        params.set(OPTION_ATTRIBUTES[key], data[key]);
      }
    });
    var frame = document.createElement("iframe");
    frame.src = apiBase + "widget?" + params.toString();
    frame.title = data.titel || "Besliswijzer";
    frame.className = "besliswijzer-frame";
    frame.setAttribute("loading", "lazy");
    frame.style.width = "100%";
    frame.style.minHeight = data.hoogte || "640px";
    frame.style.border = "0";
    script.parentNode.insertBefore(frame, script.nextSibling);
  }

  function ensureStylesheet() {
    var href = apiBase + "static/widget.css";
    var links = document.querySelectorAll("link[rel=stylesheet]");
    for (var i = 0; i < links.length; i++) {
      if (links[i].href === href) {
        return;
      }
    }
    var link = document.createElement("link");
    link.rel = "stylesheet";
    link.href = href;
    document.head.appendChild(link);
  }

  function applyOptions(root) {
    Object.keys(COLOUR_OPTIONS).forEach(function (key) {
      var value = data[key];
      if (value && window.CSS && CSS.supports("color", value)) {
        root.style.setProperty(COLOUR_OPTIONS[key], value);
      }
    });
    // Text on the primary colour: the better contrast of white and near-black,
    // unless the page chose one (AA needs 4.5:1).
    if (data.kleurPrimair && !data.kleurPrimairTekst && window.CSS &&
        CSS.supports("color", data.kleurPrimair)) {
      root.style.setProperty("--besliswijzer-color-primary-text",
        contrastText(data.kleurPrimair));
    }
    if (data.vullend) {
      root.classList.add("besliswijzer--vullend");
    }
  }

  function contrastText(colour) {
    var probe = document.createElement("span");
    probe.style.color = colour;
    probe.style.display = "none";
    document.body.appendChild(probe);
    var rgb = getComputedStyle(probe).color.match(/[\d.]+/g) || ["0", "0", "0"];
    probe.remove();
    var lum = luminance(rgb.slice(0, 3).map(Number));
    var withWhite = 1.05 / (lum + 0.05);
    var withDark = (lum + 0.05) / (luminance([26, 26, 26]) + 0.05);
    return withWhite >= withDark ? "#ffffff" : "#1a1a1a";
  }

  function luminance(rgb) {
    var c = rgb.map(function (v) {
      v = v / 255;
      return v <= 0.03928 ? v / 12.92 : Math.pow((v + 0.055) / 1.055, 2.4);
    });
    return 0.2126 * c[0] + 0.7152 * c[1] + 0.0722 * c[2];
  }

  // ----------------------------------------------------------------- shell

  function buildShell() {
    var root = el("section", "besliswijzer");
    root.setAttribute("aria-labelledby", uid + "-titel");
    root.setAttribute("lang", "nl");

    var header = el("div", "besliswijzer__kop");
    var title = el("h2", "besliswijzer__titel", data.titel || "Besliswijzer");
    title.id = uid + "-titel";
    var restart = el("button", "besliswijzer__opnieuw", "Opnieuw beginnen");
    restart.type = "button";
    restart.addEventListener("click", startOver);
    header.appendChild(title);
    header.appendChild(restart);

    var privacy = el("details", "besliswijzer__privacy");
    privacy.appendChild(el("summary", null, "Wat bewaren we?"));
    var privacyText = el("p", null, privacyNotice(null));
    privacy.appendChild(privacyText);

    var log = el("div", "besliswijzer__log");
    log.setAttribute("role", "log");
    log.setAttribute("aria-live", "polite");
    log.setAttribute("aria-label", "Gesprek");
    log.tabIndex = 0; // a scrollable region must be reachable by keyboard

    var typing = el("div", "besliswijzer__typt");
    typing.setAttribute("aria-hidden", "true");
    typing.hidden = true;
    for (var i = 0; i < 3; i++) {
      typing.appendChild(el("span", "besliswijzer__stip"));
    }

    var status = el("p", "besliswijzer__status visueel-verborgen");
    status.setAttribute("role", "status");

    var form = el("form", "besliswijzer__formulier");
    form.noValidate = true;
    var inputLabel = el("label", "besliswijzer__label", "Uw bericht");
    inputLabel.htmlFor = uid + "-invoer";
    var row = el("div", "besliswijzer__rij");
    var input = el("input", "besliswijzer__invoer");
    input.type = "text";
    input.id = uid + "-invoer";
    input.name = "bericht";
    input.maxLength = 1000;
    input.autocomplete = "off";
    input.setAttribute("aria-describedby", uid + "-hint");
    var send = el("button", "besliswijzer__verstuur", "Verstuur");
    send.type = "submit";
    row.appendChild(input);
    row.appendChild(send);
    var hint = el("p", "besliswijzer__hint", "Typ uw vraag en druk op Enter. Deel geen namen of andere persoonsgegevens.");
    hint.id = uid + "-hint";
    var problem = el("p", "besliswijzer__probleem");
    problem.id = uid + "-probleem";
    problem.setAttribute("role", "alert");
    form.appendChild(inputLabel);
    form.appendChild(row);
    form.appendChild(problem);
    form.appendChild(hint);
    form.addEventListener("submit", function (event) {
      event.preventDefault();
      var text = input.value.trim();
      if (!text) {
        showProblem("Typ eerst een vraag of antwoord.");
        input.focus();
        return;
      }
      if (state.busy) {
        showProblem("Wacht even op het antwoord van de besliswijzer.");
        return;
      }
      showProblem("");
      input.value = "";
      send_(text, text);
      input.focus();
    });

    root.appendChild(header);
    root.appendChild(privacy);
    root.appendChild(log);
    root.appendChild(typing);
    root.appendChild(status);
    root.appendChild(form);

    var container = data.container ? document.getElementById(data.container) : null;
    if (container) {
      container.appendChild(root);
    } else {
      script.parentNode.insertBefore(root, script.nextSibling);
    }
    return { root: root, log: log, typing: typing, status: status, input: input,
      problem: problem, privacyText: privacyText };
  }

  function privacyNotice(days) {
    var kept = days ?
      "We bewaren het gesprek " + days + " dagen, om de besliswijzer beter te maken. Daarna wissen we het." :
      "We bewaren het gesprek kort, om de besliswijzer beter te maken. Daarna wissen we het.";
    return kept + " We bewaren geen IP-adres en geen naam. Het gesprek is gekoppeld aan een " +
      "willekeurige code in een cookie. Deel daarom geen namen, adressen of andere persoonsgegevens. " +
      "Met ‘Opnieuw beginnen’ start u een nieuw gesprek.";
  }

  function showProblem(text) {
    ui.problem.textContent = text;
    if (text) {
      ui.input.setAttribute("aria-invalid", "true");
      ui.input.setAttribute("aria-describedby", uid + "-probleem " + uid + "-hint");
    } else {
      ui.input.removeAttribute("aria-invalid");
      ui.input.setAttribute("aria-describedby", uid + "-hint");
    }
  }

  // --------------------------------------------------------------- storage

  function loadHistory() {
    try {
      var raw = window.sessionStorage.getItem(STORAGE_KEY);
      var parsed = raw ? JSON.parse(raw) : [];
      return Array.isArray(parsed) ? parsed : [];
    } catch (e) {
      return [];
    }
  }

  function saveHistory() {
    try {
      window.sessionStorage.setItem(STORAGE_KEY,
        JSON.stringify(state.history.slice(-MAX_STORED)));
    } catch (e) {
      // Private mode or a full storage: the chat still works, only not after a reload.
    }
  }

  // ------------------------------------------------------------------- API

  function loadInfo() {
    return fetch(apiBase + "api/info", { credentials: "same-origin", cache: "no-store" })
      .then(function (response) { return response.ok ? response.json() : {}; })
      .then(function (info) {
        if (info && typeof info.labels === "object" && info.labels) {
          state.labels = info.labels;
        }
        state.retention = info ? info.bewaartermijn_dagen : null;
        ui.privacyText.textContent = privacyNotice(state.retention);
        // Names may have changed from ids to labels; never pull focus out of the log.
        if (state.history.length && !ui.log.contains(document.activeElement)) {
          renderAll();
        }
      })
      .catch(function () { /* the first message will report the problem */ });
  }

  function post(path, body, retried) {
    return state.ready.then(function () {
      return fetch(apiBase + path, {
        method: "POST",
        credentials: "same-origin",
        cache: "no-store",
        headers: { "Content-Type": "application/json", "X-CSRF-Token": readCookie("csrf_token") },
        body: JSON.stringify(body)
      });
    }).then(function (response) {
      if (response.status === 403 && !retried) {
        // The session cookie expired: fetch a fresh one and try once more.
        state.ready = loadInfo();
        return post(path, body, true);
      }
      return response;
    });
  }

  function send_(message, shown) {
    if (state.busy) {
      return;
    }
    addEntry({ van: "gebruiker", text: shown });
    request(message);
  }

  function request(message) {
    state.busy = true;
    ui.log.setAttribute("aria-busy", "true");
    ui.typing.hidden = false;
    ui.status.textContent = "De besliswijzer typt…";
    scrollDown();
    post("api/chat", { message: message })
      .then(function (response) {
        return response.json().catch(function () { return {}; }).then(function (body) {
          return { ok: response.ok, status: response.status, body: body };
        });
      })
      .then(function (result) {
        done();
        if (result.ok && result.body && Array.isArray(result.body.messages)) {
          result.body.messages.forEach(function (m) {
            addEntry({ van: "bot", text: m.text || "", buttons: asList(m.buttons),
              custom: m.custom && typeof m.custom === "object" ? m.custom : null });
          });
          return;
        }
        var text = (result.body && typeof result.body.error === "string") ? result.body.error :
          "Er ging iets mis. Probeer het opnieuw.";
        showError(text, result.status >= 500 ? message : null);
      })
      .catch(function () {
        done();
        showError("Er is geen verbinding met de besliswijzer. Controleer uw verbinding en probeer het opnieuw.",
          message);
      });
  }

  function done() {
    state.busy = false;
    ui.typing.hidden = true;
    ui.status.textContent = "";
    ui.log.removeAttribute("aria-busy");
  }

  function startOver() {
    post("api/opnieuw", {})
      .catch(function () { return null; })
      .then(function () {
        state.history = [];
        saveHistory();
        done();
        renderAll();
        ui.status.textContent = "Nieuw gesprek gestart.";
        ui.input.focus();
      });
  }

  // ------------------------------------------------------------- rendering

  function addEntry(entry) {
    state.history.push(entry);
    saveHistory();
    if (entry.van === "gebruiker") {
      removeButtons(); // answered: the earlier choices no longer apply
    }
    ui.log.appendChild(renderEntry(entry, true));
    scrollDown();
  }

  function renderAll() {
    while (ui.log.firstChild) {
      ui.log.removeChild(ui.log.firstChild);
    }
    var welcome = el("div", "besliswijzer__bericht besliswijzer__bericht--bot");
    welcome.appendChild(el("p", "besliswijzer__tekst", WELCOME));
    ui.log.appendChild(welcome);
    var lastUser = -1;
    state.history.forEach(function (entry, i) {
      if (entry.van === "gebruiker") {
        lastUser = i;
      }
    });
    if (lastUser === -1) {
      welcome.appendChild(renderButtons(START_BUTTONS));
    }
    state.history.forEach(function (entry, i) {
      ui.log.appendChild(renderEntry(entry, i > lastUser));
    });
    scrollDown();
  }

  function scrollDown() {
    ui.log.scrollTop = ui.log.scrollHeight;
  }

  function removeButtons() {
    var groups = ui.log.querySelectorAll(".besliswijzer__knoppen");
    for (var i = 0; i < groups.length; i++) {
      groups[i].remove();
    }
  }

  function renderEntry(entry, withButtons) {
    var fromUser = entry.van === "gebruiker";
    var node = el("div", "besliswijzer__bericht besliswijzer__bericht--" + (fromUser ? "gebruiker" : "bot"));
    node.appendChild(el("span", "visueel-verborgen", fromUser ? "U: " : "Besliswijzer: "));
    if (entry.text) {
      node.appendChild(el("p", "besliswijzer__tekst", entry.text));
    }
    if (!fromUser && entry.custom) {
      var card = renderCustom(entry.custom, entry.text);
      if (card) {
        node.appendChild(card);
      }
    }
    if (!fromUser && withButtons && asList(entry.buttons).length) {
      node.appendChild(renderButtons(entry.buttons));
    }
    return node;
  }

  function renderButtons(buttons) {
    var group = el("div", "besliswijzer__knoppen");
    group.setAttribute("role", "group");
    group.setAttribute("aria-label", "Kies een antwoord");
    asList(buttons).forEach(function (b) {
      if (!b || typeof b.title !== "string") {
        return;
      }
      var payload = typeof b.payload === "string" && b.payload ? b.payload : b.title;
      var button = el("button", "besliswijzer__knop", b.title);
      button.type = "button";
      button.addEventListener("click", function () {
        send_(payload, b.title);
        ui.input.focus(); // the button is gone; a keyboard user continues in the text box
      });
      group.appendChild(button);
    });
    return group;
  }

  function showError(text, retryMessage) {
    var node = el("div", "besliswijzer__bericht besliswijzer__bericht--fout");
    node.appendChild(el("p", "besliswijzer__tekst", text));
    if (retryMessage) {
      var retry = el("button", "besliswijzer__knop", "Opnieuw proberen");
      retry.type = "button";
      retry.addEventListener("click", function () {
        node.remove();
        ui.input.focus();
        request(retryMessage);
      });
      var group = el("div", "besliswijzer__knoppen");
      group.appendChild(retry);
      node.appendChild(group);
    }
    ui.log.appendChild(node);
    scrollDown();
  }

  // ------------------------------------------------------- payload cards

  function renderCustom(custom, text) {
    var renderers = { advies: renderAdvice, evaluatie: renderAssessment, casussen: renderCases,
      vergelijking: renderComparison, uitleg: renderExplanation };
    var renderer = renderers[custom.type];
    if (!renderer) {
      return null;
    }
    try {
      return renderer(custom, text);
    } catch (e) {
      return null; // a malformed payload must not break the conversation
    }
  }

  function card(kind, heading) {
    var node = el("article", "besliswijzer__kaart besliswijzer__kaart--" + kind);
    var h = el("h3", "besliswijzer__kaart-kop", heading);
    h.id = uid + "-kaart-" + Math.random().toString(36).slice(2, 8);
    node.setAttribute("aria-labelledby", h.id);
    node.appendChild(h);
    return node;
  }

  function facts(pairs) {
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

  function textList(items, className) {
    var ul = el("ul", className);
    asList(items).forEach(function (item) {
      ul.appendChild(el("li", null, item));
    });
    return ul;
  }

  function section(parent, heading, content, tag) {
    var box = el("div", "besliswijzer__deel");
    box.appendChild(el(tag || "h4", "besliswijzer__deel-kop", heading));
    box.appendChild(content);
    parent.appendChild(box);
  }

  function exampleLabel() {
    var badge = el("span", "besliswijzer__label-voorbeeld", "voorbeeld");
    badge.title = "Verzonnen voorbeeld, geen echt resultaat";
    return badge;
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
    // Says when the outcome of a recorded case is not (fully) known.
    var note = { nee: "Uitkomst niet bekend", deels: "Uitkomst deels bekend" }[caseItem.uitkomst_bekend];
    return note ? el("p", "besliswijzer__uitkomst-onbekend", note) : null;
  }

  function appendEvidence(parent, caseItem) {
    [outcomeNote(caseItem), sourceLinks(caseItem)].forEach(function (node) {
      if (node) {
        parent.appendChild(node);
      }
    });
  }

  function isExample(caseItem) {
    // Only a case explicitly marked as recorded loses the label.
    return !caseItem || caseItem.voorbeeld !== false;
  }

  function renderAdvice(p) {
    var node = card("advies", "Advies voor uw situatie");
    if (p.niveau) {
      var level = el("p", "besliswijzer__niveau");
      level.appendChild(document.createTextNode("Niveau van participatie: "));
      level.appendChild(el("strong", null, label(p.niveau)));
      node.appendChild(level);
      if (p.niveau_toelichting) {
        node.appendChild(el("p", "besliswijzer__toelichting", p.niveau_toelichting));
      }
    }
    var ol = el("ol", "besliswijzer__combinaties");
    asList(p.combinaties).forEach(function (c) {
      var li = el("li", "besliswijzer__combinatie");
      var methodName = c.methode_naam || label(c.methode);
      var toolName = c.tool ? (c.tool_naam || label(c.tool)) : "";
      var name = methodName + (c.tool ? " + " + toolName : " (zonder digitaal hulpmiddel)");
      li.appendChild(el("h4", "besliswijzer__combinatie-kop", name));
      li.appendChild(facts([
        ["Kanaal", c.kanaal],
        ["Kosten", c.kosten],
        ["Duur", c.duur_tekst || (c.duur_weken !== null && c.duur_weken !== undefined ? number(c.duur_weken, 0) + (c.duur_weken === 1 ? " week" : " weken") : "")],
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
      ol.appendChild(li);
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
      link.href = apiBase + "plan?" + planQuery(p.profiel);
      link.target = "_blank";
      link.rel = "noopener";
      var para = el("p", "besliswijzer__plan");
      para.appendChild(link);
      node.appendChild(para);
    }
    return node;
  }

  function planQuery(profile) {
    var params = new URLSearchParams();
    asList(profile.doelgroep).forEach(function (d) { params.append("doelgroep", d); });
    ["schaal", "thema", "beleidsfase", "niveau", "gemeente", "doel", "rol", "onderwerp", "budget_euro",
      "doorlooptijd_weken"]
      .forEach(function (key) {
        if (profile[key] !== null && profile[key] !== undefined && profile[key] !== "") {
          params.append(key, String(profile[key]));
        }
      });
    if (typeof profile.ruimte_voor_invloed === "boolean") {
      params.append("ruimte_voor_invloed", profile.ruimte_voor_invloed ? "ja" : "nee");
    }
    return params.toString();
  }

  function renderAssessment(p) {
    var node = card("evaluatie", "Beoordeling van uw traject");
    var ul = el("ul", "besliswijzer__scores");
    var scores = p.scores && typeof p.scores === "object" ? p.scores : {};
    Object.keys(scores).forEach(function (key) {
      var value = Number(scores[key]);
      var li = el("li", "besliswijzer__score");
      li.appendChild(el("span", "besliswijzer__score-naam", PILLARS[key] || label(key)));
      var bar = el("span", "besliswijzer__balk");
      bar.setAttribute("aria-hidden", "true");
      var fill = el("span", "besliswijzer__balk-vulling");
      var pct = Math.max(0, Math.min(100, (value / 5) * 100));
      fill.style.width = pct + "%";
      bar.appendChild(fill);
      li.appendChild(bar);
      li.appendChild(el("span", "besliswijzer__score-getal", number(value) + " van 5"));
      ul.appendChild(li);
    });
    node.appendChild(ul);
    if (p.totaal !== undefined && p.totaal !== null) {
      node.appendChild(el("p", "besliswijzer__totaal", "Totaal: " + number(p.totaal, 2) + " van 5"));
    }
    if (asList(p.sterk).length) {
      section(node, "Dit gaat goed", textList(p.sterk));
    }
    if (asList(p.verbeterpunten).length) {
      section(node, "Dit kan beter", textList(p.verbeterpunten));
    }
    var inclusion = p.inclusie || {};
    if (inclusion.score !== undefined && inclusion.score !== null) {
      section(node, "Meedoen van iedereen: " + number(inclusion.score, 1) + " van 5",
        textList(asList(inclusion.wat_goed_ging).concat(asList(inclusion.wat_beter_kan))));
    }
    if (p.casus_id) {
      node.appendChild(el("p", "besliswijzer__noot", "Opgeslagen als casus " + p.casus_id + "."));
    }
    return node;
  }

  function renderCases(p) {
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
        ["Thema", k.thema ? label(k.thema) : ""],
        ["Werkvormen", asList(k.methodes).map(label).join(", ")],
        ["Digitale hulpmiddelen", asList(k.tools).map(label).join(", ")],
        ["Doelgroepen", asList(k.doelgroepen).map(label).join(", ")]
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

  function renderComparison(p) {
    var node = card("vergelijking", "Vergelijking");
    var ul = el("ul", "besliswijzer__vergelijking");
    asList(p.items).forEach(function (item) {
      var li = el("li", "besliswijzer__vergelijk-item");
      li.appendChild(el("h4", "besliswijzer__combinatie-kop", label(item.id)));
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

  function renderExplanation(p, text) {
    var node = card("uitleg", p.titel || label(p.onderwerp));
    // The chat text usually already holds the explanation; say it once.
    if (p.tekst && (!text || text.indexOf(p.tekst) === -1)) {
      node.appendChild(el("p", "besliswijzer__tekst", p.tekst));
    }
    return node;
  }
})();
