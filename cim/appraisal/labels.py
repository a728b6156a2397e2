"""Headings and fixed phrases of the opinion in Vietnamese (the document) and English (its translation).

The phrases are data: ``labels.toml`` beside this module holds each as ``key = [Vietnamese, English]``
(``[sev]``: the severities of a finding); ``L[lang][key]`` is the phrase in one language."""

import tomllib
from importlib import resources

from cim.project.metadata import PLAN_LEVELS

LANGS = ("vi", "en")


def _in(lang: str, table: dict) -> dict:
    i = LANGS.index(lang)
    return {k: _in(lang, v) if isinstance(v, dict) else v[i] for k, v in table.items()}


_TABLE = tomllib.loads(resources.files(__package__).joinpath("labels.toml").read_text(encoding="utf-8"))
L = {lang: _in(lang, _TABLE) for lang in LANGS}


def level_text(plan: dict, lang: str) -> str:
    level = plan.get("level", "")
    name = PLAN_LEVELS.get(level, (level, level))[lang == "en"]
    return f"{name}, {'tỷ lệ' if lang == 'vi' else 'scale'} 1/{plan.get('scale') or '…'}"
