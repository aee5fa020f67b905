"""Issue 13: templates run in Jinja's sandbox; a template that tries to escape is refused (exit 1)."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from generator.cli import main
from generator.errors import BuildError
from generator.paths import PACKAGE_TEMPLATES
from generator.render import TemplateRefused, make_environment, render_html

ROOT = Path(__file__).resolve().parent.parent


class Holder:
    """Stands in for a model object that holds a path (as ``afgeleid.sjabloonmappen`` does)."""

    def __init__(self, path: Path):
        self.map = path
        self.mappen = [path]
        self.lijst = [1, 2]


def render(tmp_path: Path, source: str, **context) -> str:
    folder = tmp_path / "sjablonen"
    folder.mkdir(exist_ok=True)
    (folder / "t.html.j2").write_text(source, encoding="utf-8")
    env = make_environment([folder, PACKAGE_TEMPLATES])
    return render_html(env, "t.html.j2", {"afgeleid": Holder(tmp_path), **context})


@pytest.mark.parametrize("source, said", [
    ("{{ lipsum.__globals__['os'].popen('cat /etc/passwd').read() }}", '"__globals__" is een intern onderdeel'),
    ("{{ cycler.__init__.__globals__.os.system('id') }}", "is een intern onderdeel van Python"),
    ("{{ grafiek|attr('__globals__') }}", '"__globals__" van function is niet toegankelijk'),
    ("{{ afgeleid.map }}", '"map" van Holder is niet toegankelijk'),
    ("{{ afgeleid.mappen[0].read_text() }}", '"read_text" van PosixPath is niet toegankelijk'),
    ("{{ (afgeleid.mappen[0] / 'x').write_text('x') }}", '"write_text" van PosixPath is niet toegankelijk'),
    ("{{ afgeleid.lijst.append(3) }}", '"append" van list is niet toegankelijk'),
    ("{{ 'x' * 100000000 }}", "de herhaling maakt een te lange waarde"),
    ("{{ 9 ** (9 ** 9) }}", "is te groot"),
    ("{{ '%999999999d' % 1 }}", "te grote breedte"),
    ("{{ '%999999999d' | format(1) }}", "te grote breedte"),
    ("{{ range(10 ** 8) | list }}", "range() mag hooguit 100000 getallen maken"),
])
def test_escape_is_refused_in_dutch(tmp_path, source, said):
    with pytest.raises(TemplateRefused) as caught:
        render(tmp_path, source)
    message = str(caught.value)
    assert "sjabloon geweigerd" in message
    assert "t.html.j2:1" in message
    assert said in message
    assert "root:" not in message


def test_only_the_tools_globals(tmp_path):
    env = make_environment([tmp_path])
    assert sorted(env.globals) == ["dict", "grafiek", "namespace", "range", "vorm_naam"]
    with pytest.raises(BuildError, match='onbekende waarde in sjabloon: "joiner" bestaat niet'):
        render(tmp_path, "{{ joiner() }}")


def test_template_linked_outside_the_folders_is_refused(tmp_path):
    secret = tmp_path / "geheim.txt"
    secret.write_text("geheim", encoding="utf-8")
    folder = tmp_path / "sjablonen"
    folder.mkdir()
    (folder / "lek.html.j2").symlink_to(secret)
    with pytest.raises(TemplateRefused, match="buiten de sjabloonmappen"):
        render(tmp_path, "{% include 'lek.html.j2' %}")
    with pytest.raises(BuildError, match="sjabloon niet gevonden"):
        render(tmp_path, "{% include '../geheim.txt' %}")


def test_the_tools_own_templates_work_in_the_sandbox():
    from generator.build import jobs, load_project
    from generator.render import context_for

    project = load_project(ROOT / "content" / "oost-groningen-ict")
    job = next(job for job in jobs(project) if job.name == "intentieverklaring")
    env = make_environment(project.template_dirs)
    assert env.is_safe_attribute is not None and type(env).__name__ == "_Sandbox"
    declaration = job.deliverable.declaration
    html = render_html(env, declaration.sjabloon, context_for(project.inhoud, project.afgeleid, declaration, None))
    assert "<title>" in html and project.inhoud.samenwerking.naam in html


def test_build_with_a_hostile_content_template_exits_1(tmp_path, monkeypatch):
    monkeypatch.setenv("SAMENWERKING_PROCESSEN", "1")
    content = tmp_path / "content" / "oost-groningen-ict"
    shutil.copytree(ROOT / "content" / "oost-groningen-ict", content)
    documenten = content / "sjablonen" / "documenten"
    documenten.mkdir(parents=True)
    (documenten / "intentieverklaring.html.j2").write_text(
        "{{ lipsum.__globals__['os'].popen('echo gehackt > " + str(tmp_path / "gehackt") + "').read() }}",
        encoding="utf-8")
    result = CliRunner().invoke(main, ["build", str(content), "--out", str(tmp_path / "uit"),
                                       "--formaat", "html", "--document", "intentieverklaring"])
    assert result.exit_code == 1
    assert result.output.startswith(f"fout: {documenten / 'intentieverklaring.html.j2'}:1: sjabloon geweigerd: ")
    assert not (tmp_path / "gehackt").exists()
    assert not (tmp_path / "uit").exists() or not any((tmp_path / "uit").rglob("*.html"))


def test_house_style_linked_outside_the_folders_is_refused(tmp_path):
    from generator import huisstijl

    secret = tmp_path / "geheim.docx"
    secret.write_bytes(b"PK geheim")
    folder = tmp_path / "sjablonen" / "huisstijl" / "pekela"
    folder.mkdir(parents=True)
    (folder / "sjabloon.docx").symlink_to(secret)
    with pytest.raises(BuildError, match="huisstijlbestand geweigerd: het is een koppeling naar .*geheim.docx"):
        huisstijl.find([tmp_path / "sjablonen", PACKAGE_TEMPLATES], ["Pekela"])
