// Picking another courier for a shop updates that shop's fee and the totals at once.
// Without this script the "update" button recomputes them on the server.
(function () {
  "use strict";
  var form = document.querySelector("form.checkout-layout");
  if (!form) return;
  var rupiah = function (n) { return "Rp " + n.toLocaleString("id-ID"); };
  function update() {
    var total = 0, complete = true;
    form.querySelectorAll(".checkout-shop").forEach(function (shop) {
      var picked = shop.querySelector("input[type=radio]:checked");
      var cell = shop.querySelector("[data-shop-fee]");
      if (picked) { var fee = parseInt(picked.dataset.fee, 10); total += fee; cell.textContent = rupiah(fee); }
      else { complete = false; }
    });
    if (!complete) return;
    form.querySelector("[data-shipping-total]").textContent = rupiah(total);
    var grand = form.querySelector("[data-grand-total]");
    // A shipping subsidy depends on the fees: the server recomputes it ("Hitung ongkos kirim").
    if (grand.hasAttribute("data-subsidy")) { grand.textContent = "—"; return; }
    grand.textContent = rupiah(parseInt(grand.dataset.goods, 10) - parseInt(grand.dataset.voucher || "0", 10) + total);
  }
  form.addEventListener("change", function (event) {
    if (event.target.name && event.target.name.indexOf("ship_") === 0) update();
  });
})();
