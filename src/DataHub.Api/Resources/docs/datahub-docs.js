// The hub's docs page: names Swagger UI's unlabelled controls for assistive technology (WCAG 4.1.2), as they appear.
(function () {
    function label() {
        var servers = document.getElementById("servers");
        if (servers && !servers.getAttribute("aria-label")) servers.setAttribute("aria-label", "Server");
        document.querySelectorAll("select:not([aria-label])").forEach(function (s) {
            var name = s.closest("[data-param-name]");
            s.setAttribute("aria-label", name ? name.getAttribute("data-param-name") : "Choice");
        });
    }
    new MutationObserver(label).observe(document.documentElement, { childList: true, subtree: true });
    label();
})();
