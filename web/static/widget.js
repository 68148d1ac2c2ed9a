/*
 * Besliswijzer chat widget: the one script a page embeds. Plain JavaScript, no framework,
 * no build step, no third-party calls.
 *
 * Embed with one script tag (see docs/widget.md):
 *   <script src="https://besliswijzer.example.nl/static/widget.js"
 *           data-titel="Besliswijzer participatie" data-kleur-primair="#154273"></script>
 *
 * This file only finds its place. On a page of another origin it shows the widget page in an
 * iframe; on the app's own origin it loads the chat (widget/chat.js) and its cards
 * (widget/cards/) as ES modules beside it. import() of a same-origin module passes the app's
 * CSP ('self') and needs no Trusted Types policy, which inserting a <script> element would.
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

  // data-* options passed on to the widget page of an iframe (dataset key -> query name).
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

  import(apiBase + "static/widget/chat.js")
    .then(function (chat) {
      chat.start({ script: script, apiBase: apiBase });
    })
    .catch(function () {
      var problem = document.createElement("p");
      problem.className = "besliswijzer-laadfout";
      problem.setAttribute("role", "alert");
      problem.textContent = "De besliswijzer kon niet laden. Vernieuw de pagina of probeer het later opnieuw.";
      script.parentNode.insertBefore(problem, script.nextSibling);
    });

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
})();
