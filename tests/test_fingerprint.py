"""Cache keys are derived, never bumped by hand: inputs, the producing code, package versions."""

from courselib import fingerprint
from courselib.fingerprint import code_digest, product_key


def test_a_key_changes_with_its_inputs_its_code_and_its_packages(tmp_path, monkeypatch):
    code = tmp_path / "maker.py"
    code.write_text("WIDTH = 480\n")
    base = product_key("image-digest", code=[code], packages=["pillow"])
    assert product_key("image-digest", code=[code], packages=["pillow"]) == base
    assert product_key("other-digest", code=[code], packages=["pillow"]) != base
    edited = tmp_path / "maker2.py"
    edited.write_text("WIDTH = 800\n")
    assert product_key("image-digest", code=[edited], packages=["pillow"]) != base
    monkeypatch.setattr(fingerprint, "package_version", lambda name: "999.0")
    assert product_key("image-digest", code=[code], packages=["pillow"]) != base


def test_a_folder_of_code_counts_every_python_file_in_it(tmp_path):
    (tmp_path / "a.py").write_text("x = 1\n")
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "b.py").write_text("y = 2\n")
    before = code_digest(tmp_path)
    other = tmp_path.parent / (tmp_path.name + "-copy")
    other.mkdir()
    (other / "a.py").write_text("x = 1\n")
    (other / "sub").mkdir()
    (other / "sub" / "b.py").write_text("y = 3\n")
    assert code_digest(other) != before
