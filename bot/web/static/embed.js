// The Wegwijzer chat on any website, with one script tag:
//   <script src="https://wegwijzer.example/static/embed.js" defer></script>
// The chat's address comes from this script's own src. Where the tag stands (or in an
// element with the attribute data-wegwijzer-chat, when the page has one) a button
// "Chat met Wegwijzer" appears; it opens the chat page (/?embed=1) in a modal <dialog>
// with a title and a "Sluiten" button. Escape closes it and the focus goes back to the
// button. Everything lives in a shadow root: the site's styles do not reach in, and these
// styles do not leak out. No eval, no inline script or style, no innerHTML.
//
// Before the first frame loads, a CORS request to the chat page asks whether this site may
// show it (the web app answers it only for the sites in WEGWIJZER_FRAME_ANCESTORS, the
// same list that its frame-ancestors policy allows). Any other site gets a link that opens
// the chat in a new window instead of a frame the browser would block.
// The chat page inside the frame may post {"wegwijzer": "close"} to close the dialog (for
// Escape pressed inside the frame, which never reaches this page).
(function () {
  "use strict";
  const script = document.currentScript;
  if (!script || !script.src) { return; }
  const chatOrigin = new URL(script.src, document.baseURI).origin;
  const chatUrl = chatOrigin + "/?embed=1";
  const STYLES = [
    ":host { all: initial; display: block; margin: 1em 0; }",
    ":host([hidden]) { display: none; }",
    "*, *::before, *::after { box-sizing: border-box; }",
    ".root { font: 1.125em/1.5 system-ui, sans-serif; color: #1a1a1a; }",
    "button { font: inherit; margin: 0; min-height: 2.75em; padding: .5em 1em;",
    "  border: 2px solid #00569e; border-radius: .4em; cursor: pointer;",
    "  white-space: normal; max-width: 100%; text-align: center; }",
    ".open { background: #00569e; color: #fff; font-weight: bold; }",
    ".close { background: #fff; color: #00569e; }",
    "button:focus-visible, a:focus-visible { outline: 3px solid #1a1a1a;",
    "  outline-offset: 2px; box-shadow: 0 0 0 2px #fff; }",
    "dialog { width: min(42em, 100% - 2em); height: min(48em, 100% - 2em);",
    "  max-width: 100%; max-height: 100%; padding: 0; overflow: hidden;",
    "  border: 2px solid #1a1a1a; border-radius: .5em; background: #fff; color: #1a1a1a;",
    "  font: 1.125em/1.5 system-ui, sans-serif; }",
    "dialog[open] { display: flex; flex-direction: column; }",
    "dialog::backdrop { background: rgba(0, 0, 0, .6); }",
    ".bar { display: flex; flex-wrap: wrap; align-items: center; justify-content: space-between;",
    "  gap: .5em; padding: .5em; border-bottom: 1px solid #767676; }",
    "h2 { margin: 0 0 0 .25em; font-size: 1.125em; line-height: 1.3; }",
    ".body { flex: 1 1 auto; min-height: 0; display: flex; flex-direction: column; }",
    ".status { margin: .75em; }",
    ".status:empty { display: none; }",
    "a { color: #00569e; }",
    "iframe { flex: 1 1 auto; width: 100%; min-height: 0; border: 0; display: block; }",
    "@media (max-width: 40em), (max-height: 30em) {",
    "  dialog { width: 100%; height: 100%; margin: 0; border: 0; border-radius: 0; }",
    "  h2 { font-size: 1em; } .close { padding: .5em .75em; } }",
    "@media (prefers-reduced-motion: no-preference) {",
    "  dialog[open] { animation: wegwijzer-fade .15s ease-out; } }",
    "@keyframes wegwijzer-fade { from { opacity: 0; } to { opacity: 1; } }",
  ].join("\n");
  const TEXTS = {
    open: "Chat met Wegwijzer",
    title: "Wegwijzer chat",
    close: "Sluiten",
    frame: "Wegwijzer chat",
    loading: "De chat wordt geladen.",
    refused: "De chat kan hier niet openen.",
    link: "Open de chat in een nieuw venster",
  };

  function element(tag, attributes, text) {
    const made = document.createElement(tag);
    Object.keys(attributes || {}).forEach(function (name) {
      made.setAttribute(name, attributes[name]);
    });
    if (text) { made.textContent = text; }
    return made;
  }

  function addStyles(root) {
    try {
      const sheet = new CSSStyleSheet();
      sheet.replaceSync(STYLES);
      root.adoptedStyleSheets = [sheet];
    } catch (error) {  // an older browser: a <style> inside the shadow root
      root.appendChild(element("style", {}, STYLES));
    }
  }

  // May this site show the chat in a frame? The chat page answers a CORS request only for
  // the sites in its frame-ancestors list; anything else (refused, offline) counts as no.
  let allowed = null;
  function mayFrame() {
    if (!allowed) {
      allowed = fetch(chatUrl, { method: "HEAD", mode: "cors", credentials: "omit" })
        .then(function (response) { return response.ok; })
        .catch(function () { return false; });
    }
    return allowed;
  }

  function build() {
    let host = document.querySelector("[data-wegwijzer-chat]");
    if (!host) {
      host = element("div", { "data-wegwijzer-chat": "" });
      script.after(host);
    }
    if (host.shadowRoot) { return; }  // the script twice on one page: one button
    const root = host.attachShadow({ mode: "open" });
    addStyles(root);

    const wrapper = element("div", { class: "root", lang: "nl" });
    const open = element("button", { type: "button", class: "open", "aria-haspopup": "dialog" },
      TEXTS.open);
    const dialog = element("dialog", { "aria-labelledby": "wegwijzer-title" });
    const bar = element("div", { class: "bar" });
    const title = element("h2", { id: "wegwijzer-title" }, TEXTS.title);
    const close = element("button", { type: "button", class: "close", autofocus: "" },
      TEXTS.close);
    const body = element("div", { class: "body" });
    const status = element("p", { class: "status", role: "status" });
    bar.append(title, close);
    body.append(status);
    dialog.append(bar, body);
    wrapper.append(open, dialog);
    root.append(wrapper);
    let frame = null;

    function showChat() {
      if (frame || body.querySelector("a")) { return; }
      status.textContent = TEXTS.loading;
      mayFrame().then(function (yes) {
        if (frame || body.querySelector("a")) { return; }
        if (yes) {
          frame = element("iframe", { title: TEXTS.frame, src: chatUrl });
          frame.addEventListener("load", function () { status.textContent = ""; });
          body.append(frame);
          return;
        }
        status.textContent = TEXTS.refused;
        const link = element("a", { href: chatOrigin + "/", target: "_blank", rel: "noopener" },
          TEXTS.link);
        const line = element("p", { class: "status" });
        line.append(link);
        body.append(line);
      });
    }

    open.addEventListener("click", function () {
      if (typeof dialog.showModal !== "function") {  // a browser without <dialog>
        window.open(chatOrigin + "/", "_blank", "noopener");
        return;
      }
      if (dialog.open) { return; }
      dialog.showModal();
      showChat();
    });
    close.addEventListener("click", function () { dialog.close(); });
    dialog.addEventListener("close", function () { open.focus(); });
    // A click on the dim area around the dialog closes it, as Escape does.
    dialog.addEventListener("click", function (event) {
      if (event.target === dialog) {
        const box = dialog.getBoundingClientRect();
        const inside = event.clientX >= box.left && event.clientX <= box.right &&
          event.clientY >= box.top && event.clientY <= box.bottom;
        if (!inside) { dialog.close(); }
      }
    });
    window.addEventListener("message", function (event) {
      if (!frame || event.source !== frame.contentWindow || event.origin !== chatOrigin) {
        return;
      }
      if (event.data && event.data.wegwijzer === "close" && dialog.open) { dialog.close(); }
    });
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", build);
  } else {
    build();
  }
}());
