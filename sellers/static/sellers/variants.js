/* Pasar IKM: the product page's variant choice. The radio buttons work without this; it only makes
   the price, the stock and the weight shown follow the variant chosen. */
(function () {
  "use strict";

  var form = document.getElementById("buy-form");
  var price = document.querySelector("[data-variant-price] .price");
  if (!form || !price) {
    return;
  }
  /* The <dd> after the marked <dt>. */
  var stock = (document.querySelector("[data-variant-stock]") || {}).nextElementSibling;
  var weight = (document.querySelector("[data-variant-weight]") || {}).nextElementSibling;
  var quantity = form.querySelector("input[name=quantity]");

  function show(radio) {
    price.querySelector(".price-now").textContent = radio.dataset.price;
    var list = price.querySelector(".price-list");
    if (radio.dataset.listPrice) {
      if (!list) {
        list = document.createElement("s");
        list.className = "price-list";
        price.querySelector(".price-now").after(" ", list);
      }
      list.textContent = radio.dataset.listPrice;
    } else if (list) {
      list.remove();
    }
    if (stock) {
      stock.textContent = radio.dataset.stock;
    }
    if (weight) {
      weight.textContent = radio.dataset.weight + " g";
    }
    quantity.max = radio.dataset.stock;
    if (Number(quantity.value) > Number(radio.dataset.stock)) {
      quantity.value = radio.dataset.stock;
    }
  }

  document.addEventListener("change", function (event) {
    if (event.target.name === "variant" && event.target.checked) {
      show(event.target);
    }
  });
})();
