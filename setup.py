"""Build hook: ship the top-level ``rules/`` folder (the default rule pack)
inside the package as ``turncheck/default_rules`` so that a plain
``pip install .`` carries it. Editable installs read ``rules/`` in place."""

from pathlib import Path

from setuptools import setup
from setuptools.command.build_py import build_py


class BuildWithRules(build_py):
    def run(self):
        super().run()
        src = Path(__file__).parent / "rules"
        dest = Path(self.build_lib) / "turncheck" / "default_rules"
        dest.mkdir(parents=True, exist_ok=True)
        for path in sorted(src.glob("*.yaml")):
            self.copy_file(str(path), str(dest / path.name))


setup(cmdclass={"build_py": BuildWithRules})
