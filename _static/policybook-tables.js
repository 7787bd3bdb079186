// Interactive tables (policytext.report.explorer): every table marked "policybook-interactive"
// becomes a DataTables table (search, sort, pages). DataTables is loaded from this folder, and
// only on pages that have such a table; without it the plain table stays.
(function () {
  const folder = document.currentScript.src.replace(/[^/]*$/, "");
  function enhance() {
    const tables = document.querySelectorAll("table.policybook-interactive");
    if (!tables.length) return;
    const sheet = document.createElement("link");
    sheet.rel = "stylesheet";
    sheet.href = folder + "datatables.css";
    document.head.appendChild(sheet);
    const loader = document.createElement("script");
    loader.src = folder + "datatables-offline.js";
    loader.onload = function () {
      window.policybookDataTables.then(function (module) {
        const DataTable = module.default;
        tables.forEach(function (table) {
          new DataTable(table, {pageLength: 10, order: [], autoWidth: false,
                                lengthMenu: [10, 25, 100, -1]});
        });
        document.documentElement.dataset.interactiveTables = String(tables.length);
      });
    };
    document.head.appendChild(loader);
  }
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", enhance);
  } else {
    enhance();
  }
})();
