/* Pasar IKM: small enhancements; every page works without them. */
(function () {
  "use strict";

  /* The catalogue's filter sheet is a <details>: closed on a phone (products first), opened as a
     sidebar on a wide screen. */
  var sheet = document.querySelector("details.filter-sheet");
  if (sheet && window.matchMedia("(min-width: 900px)").matches) {
    sheet.open = true;
  }

  /* Suggestions in the header's search box, after two letters: product names, categories, shops.
     Choosing a category or a shop goes straight to it; anything else is searched. */
  var form = document.querySelector("form.site-search");
  if (!form || !window.fetch) {
    return;
  }
  var input = form.querySelector("input[type=search]");
  var list = document.getElementById(input.getAttribute("list"));
  var links = {};
  var timer = null;
  var asked = "";

  function show(suggestions) {
    list.textContent = "";
    links = {};
    suggestions.forEach(function (suggestion) {
      var option = document.createElement("option");
      option.value = suggestion.text;
      option.label = suggestion.kind === "product" ? suggestion.text : suggestion.text + " · " + form.dataset[suggestion.kind + "Label"];
      list.appendChild(option);
      if (suggestion.kind !== "product") {
        links[suggestion.text] = suggestion.url;
      }
    });
  }

  input.addEventListener("input", function () {
    clearTimeout(timer);
    var text = input.value.trim();
    if (text.length < 2 || text === asked) {
      return;
    }
    timer = setTimeout(function () {
      asked = text;
      fetch(form.dataset.suggestUrl + "?q=" + encodeURIComponent(text), { headers: { Accept: "application/json" } })
        .then(function (response) { return response.ok ? response.json() : { suggestions: [] }; })
        .then(function (body) { if (input.value.trim() === text) { show(body.suggestions); } })
        .catch(function () {});
    }, 150);
  });

  form.addEventListener("submit", function (event) {
    var url = links[input.value.trim()];
    if (url) {
      event.preventDefault();
      window.location.href = url;
    }
  });
})();
