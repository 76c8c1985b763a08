// Copy-link button of the share box (core/includes/share.html). Without JavaScript the button stays
// hidden and the link is shown in a read-only field to copy by hand. Zalo and Facebook are plain
// links: nothing from another site loads before the reader clicks.
document.addEventListener("DOMContentLoaded", function () {
  document.querySelectorAll("[data-copy-link]").forEach(function (button) {
    var box = button.closest(".share");
    var status = box && box.querySelector("[data-copy-status]");
    var field = box && box.querySelector("[data-copy-source]");
    var url = button.getAttribute("data-copy-link");

    function say(message) {
      if (status) { status.textContent = message; }
    }

    function copyFromField() {
      if (!field) { return false; }
      field.focus();
      field.select();
      try { return document.execCommand("copy"); } catch (error) { return false; }
    }

    button.hidden = false;
    button.addEventListener("click", function () {
      say("");
      if (navigator.clipboard && window.isSecureContext) {
        navigator.clipboard.writeText(url).then(function () {
          say("Đã sao chép liên kết.");
        }, function () {
          say(copyFromField() ? "Đã sao chép liên kết." : "Không sao chép được, hãy chọn và sao chép liên kết bên dưới.");
        });
      } else {
        say(copyFromField() ? "Đã sao chép liên kết." : "Không sao chép được, hãy chọn và sao chép liên kết bên dưới.");
      }
    });
  });
});
