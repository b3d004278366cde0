// Province -> regency -> district: fill the next list from the API as soon as a choice changes.
// Without this script the page still works: its "update the lists" button submits the form.
(function () {
  "use strict";
  function fill(select, rows) {
    var keep = select.value;
    select.length = 1; // keep the "—" option
    rows.forEach(function (row) {
      var option = new Option(row.name, row.code);
      if (row.code === keep) option.selected = true;
      select.add(option);
    });
  }
  function load(select, param, value) {
    if (!value) { fill(select, []); return Promise.resolve(); }
    return fetch(select.dataset.url + "?" + param + "=" + encodeURIComponent(value), {
      headers: { Accept: "application/json" },
    })
      .then(function (response) { return response.ok ? response.json() : []; })
      .then(function (rows) { fill(select, rows); })
      .catch(function () {});
  }
  document.querySelectorAll("form").forEach(function (form) {
    var province = form.querySelector("[data-regions=province]");
    var regency = form.querySelector("[data-regions=regency]");
    var district = form.querySelector("[data-regions=district]");
    if (!province || !regency) return;
    province.addEventListener("change", function () {
      load(regency, "province", province.value).then(function () {
        if (district) fill(district, []);
      });
    });
    if (district) {
      regency.addEventListener("change", function () { load(district, "regency", regency.value); });
    }
  });
})();
