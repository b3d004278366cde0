/* Pasar IKM: the product page's gallery turns to the photo of the variant chosen (its radio button's
   data-photo names the slide) and brings it into view, when the chosen variant has one. */
(function () {
  "use strict";

  function turnTo(radio, smooth) {
    var slide = radio.dataset.photo && document.getElementById(radio.dataset.photo);
    if (slide) {
      slide.scrollIntoView({ behavior: smooth ? "smooth" : "auto", block: "nearest", inline: "start" });
    }
  }

  document.addEventListener("change", function (event) {
    if (event.target.name === "variant" && event.target.checked) {
      turnTo(event.target, true);
    }
  });
})();
