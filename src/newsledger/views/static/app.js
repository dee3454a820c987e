// Legend check boxes switch one kind of highlight on or off in the article they belong to.
document.querySelectorAll("input[data-layer]").forEach(function (box) {
  box.addEventListener("change", function () {
    var text = box.closest(".article").querySelector(".article-text");
    text.classList.toggle("off-" + box.dataset.layer, !box.checked);
  });
});
