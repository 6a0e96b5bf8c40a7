// The queue page updates itself: /portal/events says the queue changed, and the rows are
// fetched again with the page's filters (GET /portal/queue-rows) and put in place.
// A new case is announced in a polite live region; focus never moves.
(function () {
  "use strict";
  const rows = document.getElementById("queue-rows");
  const status = document.getElementById("live-status");
  if (!rows || !status || !window.EventSource) { return; }

  let fetching = null;
  let again = false;

  function say(text) {
    // Emptied first, so the same sentence is announced again for the next case.
    status.textContent = "";
    window.setTimeout(function () { status.textContent = text; }, 50);
  }

  async function refresh() {
    if (fetching) { again = true; return fetching; }
    const url = rows.dataset.rowsUrl + window.location.search;
    fetching = (async function () {
      try {
        const response = await fetch(url, { credentials: "same-origin", headers: { Accept: "text/html" } });
        if (response.redirected || !response.ok) {
          if (response.redirected) { stop("Je bent afgemeld. Laad de pagina opnieuw en meld je aan."); }
          return;
        }
        const html = await response.text();
        // Keep the focus on a link in the table when it is still there after the swap.
        const focused = rows.contains(document.activeElement) ? document.activeElement.getAttribute("href") : null;
        const fresh = new DOMParser().parseFromString(html, "text/html").body;
        rows.replaceChildren(...fresh.childNodes);
        if (focused) {
          const same = rows.querySelector('a[href="' + CSS.escape(focused) + '"]');
          if (same) { same.focus({ preventScroll: true }); }
        }
      } catch (error) {
        // The next change tries again.
      } finally {
        fetching = null;
        if (again) { again = false; refresh(); }
      }
    })();
    return fetching;
  }

  let events = null;
  let opened = false;

  function stop(text) {
    if (events) { events.close(); }
    say(text);
  }

  events = new EventSource(rows.dataset.eventsUrl);
  events.addEventListener("ready", function () {
    // Also after a reconnect: what changed in between shows now.
    if (opened) { refresh(); }
    opened = true;
  });
  events.addEventListener("queue", function (event) {
    let change = {};
    try { change = JSON.parse(event.data); } catch (error) { change = {}; }
    refresh().then(function () {
      if (change.new > 0) {
        say(change.urgent ? "Nieuwe dringende vraag in de wachtrij" : "Nieuwe vraag in de wachtrij");
      }
    });
  });
  events.addEventListener("logged-out", function () {
    stop("Je bent afgemeld omdat je een tijd niets deed. Laad de pagina opnieuw en meld je aan.");
  });
  events.addEventListener("error", function () {
    if (events.readyState === EventSource.CLOSED) {
      stop("De wachtrij wordt niet meer vanzelf bijgewerkt. Laad de pagina opnieuw.");
    }
  });
})();
