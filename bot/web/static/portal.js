// The queue page updates itself: /portal/events says the queue changed, and the rows are
// fetched again with the page's filters (GET /portal/queue-rows) and put in place.
// A new case is announced in a polite live region; focus never moves.
// The case page does the same with /portal/events?case=<id>: its live parts (the crisis
// alert and the conversation) are fetched again (GET /portal/cases/<id>/live). A new
// message is said in the polite live region; a crisis alert (role="alert") is announced
// at once by being put in the page.
(function () {
  "use strict";
  const status = document.getElementById("live-status");
  if (!status || !window.EventSource) { return; }

  function say(text) {
    // Emptied first, so the same sentence is announced again for the next change.
    status.textContent = "";
    window.setTimeout(function () { status.textContent = text; }, 50);
  }

  // Two changes as one: counts added up, flags kept when either is set.
  function merged(first, second) {
    const both = Object.assign({}, first || {});
    Object.entries(second || {}).forEach(function ([key, value]) {
      both[key] = typeof value === "number" ? (both[key] || 0) + value : both[key] || value;
    });
    return both;
  }

  // Follow the page's event stream: after each `kind` event and after a reconnect the
  // fragment is fetched and `update(fragment, change)` puts it in place; one fetch at a
  // time, changes that come during a fetch fetch once more afterwards.
  function follow(eventsUrl, kind, fragmentUrl, update, goneText) {
    let events = null;
    let opened = false;
    let fetching = null;
    let again = null;  // the changes that came during a fetch

    function stop(text) {
      if (events) { events.close(); }
      say(text);
    }

    function refresh(change) {
      if (fetching) { again = merged(again, change); return fetching; }
      fetching = (async function () {
        try {
          const response = await fetch(fragmentUrl(), { credentials: "same-origin", headers: { Accept: "text/html" } });
          if (response.redirected || !response.ok) {
            if (response.redirected) { stop("Je bent afgemeld. Laad de pagina opnieuw en meld je aan."); }
            return;
          }
          update(new DOMParser().parseFromString(await response.text(), "text/html").body, change || {});
        } catch (error) {
          // The next change tries again.
        } finally {
          fetching = null;
          if (again) { const next = again; again = null; refresh(next); }
        }
      })();
      return fetching;
    }

    events = new EventSource(eventsUrl);
    events.addEventListener("ready", function () {
      // Also after a reconnect: what changed in between shows now.
      if (opened) { refresh({}); }
      opened = true;
    });
    events.addEventListener(kind, function (event) {
      let change = {};
      try { change = JSON.parse(event.data); } catch (error) { change = {}; }
      refresh(change);
    });
    events.addEventListener("logged-out", function () {
      stop("Je bent afgemeld omdat je een tijd niets deed. Laad de pagina opnieuw en meld je aan.");
    });
    events.addEventListener("error", function () {
      if (events.readyState === EventSource.CLOSED) { stop(goneText); }
    });
  }

  const rows = document.getElementById("queue-rows");
  if (rows) {
    follow(rows.dataset.eventsUrl, "queue", function () {
      return rows.dataset.rowsUrl + window.location.search;
    }, function (fresh, change) {
      // Keep the focus on a link in the table when it is still there after the swap.
      const focused = rows.contains(document.activeElement) ? document.activeElement.getAttribute("href") : null;
      rows.replaceChildren(...fresh.childNodes);
      if (focused) {
        const same = rows.querySelector('a[href="' + CSS.escape(focused) + '"]');
        if (same) { same.focus({ preventScroll: true }); }
      }
      if (change.new > 0) {
        say(change.urgent ? "Nieuwe dringende vraag in de wachtrij" : "Nieuwe vraag in de wachtrij");
      }
    }, "De wachtrij wordt niet meer vanzelf bijgewerkt. Laad de pagina opnieuw.");
  }

  const transcript = document.getElementById("live-transcript");
  const crisis = document.getElementById("live-crisis");
  if (transcript && crisis) {
    const personLines = function (element) {
      return element.querySelectorAll(".transcript li.person").length;
    };
    follow(status.dataset.eventsUrl, "case", function () {
      return status.dataset.liveUrl;
    }, function (fresh) {
      const newCrisis = fresh.querySelector('[data-live="crisis"]');
      const newTranscript = fresh.querySelector('[data-live="transcript"]');
      if (newCrisis && newCrisis.textContent.trim() !== crisis.textContent.trim()) {
        crisis.replaceChildren(...newCrisis.childNodes);  // role="alert": said at once
      }
      if (newTranscript) {
        const wrote = personLines(newTranscript) > personLines(transcript);
        transcript.replaceChildren(...newTranscript.childNodes);
        if (wrote) { say("Er is een nieuw bericht van de persoon in het gesprek."); }
      }
    }, "Deze pagina wordt niet meer vanzelf bijgewerkt. Laad de pagina opnieuw.");
  }
})();
