#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""The Flatpak manifest agrees with the meson build.

Every dependency() that a meson.build file of the project asks for is in
the manifest's runtime (the pkg-config names the GNOME SDK ships, listed
below per version) or built by one of its modules; the manifest builds the
development profile under its app ID and starts the program meson
installs. It cannot check that the manifest builds: that needs the runtime,
which these machines do not have.

Usage: test-flatpak.py SOURCE_ROOT MANIFEST APP_ID
"""

import json
import os
import re
import sys

# pkg-config names in org.gnome.Sdk, per runtime version (GNOME 45 is on
# the freedesktop SDK 23.08, which brings GStreamer and its base plugins).
RUNTIME_PKGS = {
    ("org.gnome.Sdk", "45"): {
        "cairo", "cairo-gobject", "epoxy", "gdk-pixbuf-2.0", "gio-2.0", "gio-unix-2.0",
        "glib-2.0", "gmodule-2.0", "gobject-2.0", "graphene-1.0", "gstreamer-1.0",
        "gstreamer-app-1.0", "gstreamer-audio-1.0", "gstreamer-base-1.0",
        "gstreamer-pbutils-1.0", "gstreamer-plugins-base-1.0", "gstreamer-video-1.0",
        "gtk4", "harfbuzz", "json-glib-1.0", "libadwaita-1", "librsvg-2.0", "libxml-2.0",
        "pango", "pangocairo", "pangoft2",
    },
}

# What each module the manifest may build provides, by pkg-config name.
MODULE_PKGS = {
    "poppler": {"poppler", "poppler-glib"},
    "x264": {"x264"},
    "gst-plugins-ugly": set(),
}

DEPENDENCY = re.compile(r"""\bdependency\s*\(\s*['"]([^'"]+)['"]""")


def meson_dependencies(root):
    """{name: [files]} of every dependency('name') in the project's meson.build files."""
    found = {}
    for directory, dirs, files in os.walk(root):
        dirs[:] = sorted(d for d in dirs
                         if not d.startswith(("_build", ".")) and d != "subprojects")
        for name in files:
            if name != "meson.build":
                continue
            path = os.path.join(directory, name)
            with open(path, encoding="utf-8") as f:
                text = "\n".join(line.split("#", 1)[0] for line in f)
            for dep in DEPENDENCY.findall(text):
                found.setdefault(dep, []).append(os.path.relpath(path, root))
    return found


def main():
    root, manifest_path, app_id = sys.argv[1:4]
    results = []

    def check(ok, what):
        results.append((ok, what))

    with open(manifest_path, encoding="utf-8") as f:
        manifest = json.load(f)

    check(manifest.get("id", manifest.get("app-id")) == app_id,
          "the manifest's app ID is %s" % app_id)
    check(os.path.basename(manifest_path) == app_id + ".json",
          "the manifest is named after its app ID")
    check(manifest.get("command") == "soleus", "it starts soleus")

    runtime_key = (manifest.get("sdk"), manifest.get("runtime-version"))
    runtime = RUNTIME_PKGS.get(runtime_key)
    check(manifest.get("runtime") == "org.gnome.Platform" and runtime is not None,
          "the runtime is one whose packages this test knows (%s//%s)" % runtime_key)
    runtime = runtime or set()

    modules = manifest.get("modules", [])
    names = [m.get("name") for m in modules if isinstance(m, dict)]
    soleus = [m for m in modules if isinstance(m, dict) and m.get("name") == "soleus"]
    check(len(soleus) == 1 and names[-1] == "soleus", "soleus is the last module")
    if soleus:
        module = soleus[0]
        check(module.get("buildsystem") == "meson"
              and "-Dprofile=development" in module.get("config-opts", []),
              "soleus is built with meson, the development profile")
        sources = module.get("sources", [])
        here = os.path.dirname(os.path.abspath(manifest_path))
        check(any(s.get("type") == "dir"
                  and os.path.realpath(os.path.join(here, s.get("path", "")))
                  == os.path.realpath(root) for s in sources),
              "soleus is built from this source tree")

    unknown = [n for n in names if n != "soleus" and n not in MODULE_PKGS]
    check(not unknown, "every other module is known: %s" % (", ".join(unknown) or "yes"))

    provided = set(runtime)
    for name in names:
        provided |= MODULE_PKGS.get(name, set())
    deps = meson_dependencies(root)
    check(len(deps) > 0, "meson.build files ask for dependencies (%d found)" % len(deps))
    for dep in sorted(deps):
        check(dep in provided,
              "%s (%s) is in the runtime or a module" % (dep, ", ".join(sorted(set(deps[dep])))))

    for i, (ok, what) in enumerate(results, 1):
        print("%s %d - %s" % ("ok" if ok else "not ok", i, what))
    print("1..%d" % len(results))
    return 0 if all(ok for ok, _ in results) else 1


if __name__ == "__main__":
    sys.exit(main())
