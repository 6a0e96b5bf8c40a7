// Minimal chat client: sends messages to the web app, which passes them on to Rasa.
// Everything the user or the bot writes is inserted as text (never as HTML).
(function () {
  "use strict";
  const form = document.getElementById("chat-form");
  const input = document.getElementById("message");
  const log = document.getElementById("conversation");
  const status = document.getElementById("status");

  function conversationId() {
    let id = sessionStorage.getItem("wegwijzer-sender");
    if (!id) {
      const bytes = new Uint8Array(18);
      crypto.getRandomValues(bytes);
      id = Array.from(bytes, (b) => b.toString(16).padStart(2, "0")).join("");
      sessionStorage.setItem("wegwijzer-sender", id);
    }
    return id;
  }

  // A link to this site's own plan pages becomes a real link; all else stays plain text.
  const PLAN_LINK = /(https?:\/\/\S+\/plan\/[A-Za-z0-9_-]+)/;

  function appendText(parent, text, linkify) {
    text.split(PLAN_LINK).forEach(function (part, index) {
      if (linkify && index % 2 === 1) {
        const link = document.createElement("a");
        link.href = part;
        link.textContent = "Open je plan (nieuw venster)";
        link.target = "_blank";
        link.rel = "noopener noreferrer";
        parent.appendChild(link);
      } else {
        parent.appendChild(document.createTextNode(part));
      }
    });
  }

  function addMessage(who, text, buttons) {
    const item = document.createElement("li");
    item.className = who === "me" ? "me" : "bot";
    const label = document.createElement("span");
    label.className = "who";
    label.textContent = who === "me" ? "Jij:" : "Wegwijzer:";
    item.appendChild(label);
    appendText(item, text || "", who === "bot");
    if (buttons && buttons.length) {
      const choices = document.createElement("div");
      choices.className = "choices";
      buttons.forEach(function (button) {
        const element = document.createElement("button");
        element.type = "button";
        element.textContent = button.title;
        element.addEventListener("click", function () { send(button.payload, button.title); });
        choices.appendChild(element);
      });
      item.appendChild(choices);
    }
    log.appendChild(item);
    item.scrollIntoView({ block: "end" });
  }

  async function send(message, shownText) {
    status.className = "status";
    status.textContent = "Wegwijzer schrijft…";
    try {
      const response = await fetch("/chat/message", {
        method: "POST",
        headers: { "Content-Type": "application/json" },
        body: JSON.stringify({ sender: conversationId(), message: message }),
      });
      const body = await response.json();
      if (!response.ok) { throw new Error(body.error || "Er ging iets mis."); }
      if (shownText) { addMessage("me", shownText); }
      input.value = "";
      body.messages.forEach(function (reply) { addMessage("bot", reply.text, reply.buttons); });
      status.textContent = "";
    } catch (error) {
      // Keep what the user typed, so nothing is lost.
      status.className = "status error";
      status.textContent = error.message && error.message !== "Failed to fetch"
        ? error.message : "Wegwijzer is even niet bereikbaar. Probeer het opnieuw.";
    }
  }

  form.addEventListener("submit", function (event) {
    event.preventDefault();
    const text = input.value.trim();
    if (!text) { input.focus(); return; }
    send(text, text);
  });
  input.addEventListener("keydown", function (event) {
    if (event.key === "Enter" && !event.shiftKey) { event.preventDefault(); form.requestSubmit(); }
  });
  send("/greet", null);  // the welcome, without showing a message of the user
})();
