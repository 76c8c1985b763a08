// Progressive enhancement only: every page works without this file.
document.addEventListener("DOMContentLoaded", function () {
  document.querySelectorAll("[data-print]").forEach(function (button) {
    button.hidden = false;
    button.addEventListener("click", function () { window.print(); });
  });

  // Forms on cached pages get their signed start time when the reader starts filling them in.
  document.querySelectorAll("form[data-form-started]").forEach(function (form) {
    if (!window.fetch) { return; }
    form.addEventListener("focusin", function () {
      fetch(form.dataset.formStarted, { headers: { Accept: "application/json" }, credentials: "omit" })
        .then(function (response) { return response.ok ? response.json() : null; })
        .then(function (data) {
          var input = data && form.querySelector("input[name='" + data.field + "']");
          if (input && !input.value) { input.value = data.token; }
        })
        .catch(function () {});
    }, { once: true });
  });

  // Search suggestions: titles that start with what is typed, with or without diacritics.
  document.querySelectorAll("input[data-suggest]").forEach(function (input) {
    var list = document.getElementById(input.getAttribute("list"));
    var timer = null;
    var last = "";
    if (!list || !window.fetch) { return; }
    input.addEventListener("input", function () {
      clearTimeout(timer);
      timer = setTimeout(function () {
        var q = input.value.trim();
        if (q.length < 2 || q === last) { return; }
        last = q;
        fetch(input.dataset.suggest + "?q=" + encodeURIComponent(q), { headers: { Accept: "application/json" } })
          .then(function (response) { return response.ok ? response.json() : { suggestions: [] }; })
          .then(function (data) {
            if (input.value.trim() !== q) { return; }
            list.replaceChildren.apply(list, data.suggestions.map(function (s) {
              var option = document.createElement("option");
              option.value = s.title;
              return option;
            }));
          })
          .catch(function () {});
      }, 120);
    });
  });
});
