/*
 * The chat shell: builds the widget's DOM, sends what the user types or presses, shows what the
 * bot answers (text, buttons, and a card per payload: cards.js), keeps the conversation in
 * sessionStorage, and takes care of focus, live regions and the privacy notice.
 * widget.js loads this module and calls start() once per script tag.
 */
import { renderCard } from "./cards.js";
import { asList, el, randomId } from "./dom.js";

var STORAGE_KEY = "besliswijzer.gesprek";
var MAX_STORED = 200;
var WELCOME = "Hallo! Ik ben de besliswijzer. Ik help u kiezen hoe u inwoners, ondernemers " +
  "of organisaties betrekt bij uw beleid of project. Waar kan ik u mee helpen?";
// web/aangeboden.py accepts exactly these payloads before the bot has offered any button.
var START_BUTTONS = [
  { title: "Advies vragen", payload: "/advies_vragen" },
  { title: "Voorbeelden bekijken", payload: "/casus_zoeken" },
  { title: "Traject beoordelen", payload: "/traject_evalueren" },
  { title: "Wat kun je?", payload: "/wat_kun_je" }
];
// Under the latest answer: the user's verdict, which web/feedback.py answers and keeps for the
// maintainers' inbox (the contract names this title; typing it works the same).
var FEEDBACK = "Dit beantwoordt mijn vraag niet";
var COLOUR_OPTIONS = {
  "kleurPrimair": "--besliswijzer-color-primary",
  "kleurPrimairTekst": "--besliswijzer-color-primary-text",
  "kleurAccent": "--besliswijzer-color-accent",
  "kleurAchtergrond": "--besliswijzer-color-background"
};

/**
 * Start one widget. options.script: the embedding <script> element (its data-* attributes are the
 * options; the widget appears after it or in data-container); options.apiBase: the app's address.
 */
export function start(options) {
  var script = options.script;
  var apiBase = options.apiBase;
  var data = script.dataset;
  var uid = randomId("besliswijzer");
  var cardContext = { apiBase: apiBase };
  var state = {
    history: loadHistory(),
    retention: null,
    busy: false,
    ready: null
  };
  var ui = buildShell();
  applyOptions(ui.root);
  ensureStylesheet();
  state.ready = loadInfo();
  renderAll();

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

  // ---------------------------------------------------- options and style

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
        state.retention = info ? info.bewaartermijn_dagen : null;
        ui.privacyText.textContent = privacyNotice(state.retention);
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
          addFeedbackButton();
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
    addFeedbackButton();
    scrollDown();
  }

  // One button under the bot's latest answer, beside it in the log rather than inside it (the
  // answer's own choices stay its only buttons); gone once the user replies, like those.
  function addFeedbackButton() {
    var last = state.history[state.history.length - 1];
    var asked = state.history.filter(function (entry) { return entry.van === "gebruiker"; }).pop();
    if (!last || last.van !== "bot" || !asked || asked.text === FEEDBACK) {
      return;
    }
    var group = el("div", "besliswijzer__over-antwoord");
    group.setAttribute("role", "group");
    group.setAttribute("aria-label", "Over dit antwoord");
    var button = el("button", "besliswijzer__feedback", FEEDBACK);
    button.type = "button";
    button.addEventListener("click", function () {
      send_(FEEDBACK, FEEDBACK);
      ui.input.focus();
    });
    group.appendChild(button);
    ui.log.appendChild(group);
  }

  function scrollDown() {
    ui.log.scrollTop = ui.log.scrollHeight;
  }

  function removeButtons() {
    var groups = ui.log.querySelectorAll(".besliswijzer__knoppen, .besliswijzer__over-antwoord");
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
      var card = renderCard(entry.custom, entry.text, cardContext);
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
}
