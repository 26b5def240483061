"""Only what pyproject.toml cannot say: resources/ (at the repository root) ships as rosterapp/resources.

A wheel or a PyInstaller bundle has no repository root, so the translations, icons and the guide travel
inside the package; rosterapp.ui.translations.RESOURCES_DIR finds them in either place. setuptools' find
cannot discover a package whose folder lies outside the package, hence this list and its package_dir.
Namespace discovery, as pyproject's own find does: some subpackages (rosterapp/ui/roster) have no __init__.py.
"""

from setuptools import find_namespace_packages, setup

setup(
    packages=[*find_namespace_packages(include=["rosterapp", "rosterapp.*"]), "rosterapp.resources"],
    package_dir={"rosterapp.resources": "resources"},
)
