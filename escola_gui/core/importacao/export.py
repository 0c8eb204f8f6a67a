"""Every aluno, with its documents, address and responsáveis, to a ``.csv`` or ``.xlsx`` that
imports back with no change."""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import Engine
from sqlalchemy.orm import Session

from escola_gui.core import documentos as doc
from escola_gui.core import validation as v
from escola_gui.core.db import normalize_text
from escola_gui.core.importacao.fields import COR_RACA_LABELS, EXPORT_HEADERS, PARENTESCO_LABELS, SEXO_LABELS
from escola_gui.core.importacao.snapshot import Snapshot
from escola_gui.core.planilhas import write_table


def _responsavel_columns(
    snapshot: Snapshot, aluno_id: int
) -> tuple[list[str | None], list[str | None], list[str | None], str | None, str | None]:
    """The mãe's, the pai's and one more responsável's (nome, CPF, phones), the parentesco of
    that one, and the Responsável legal cell, for an aluno."""
    links = snapshot.links.get(aluno_id, {})
    # The responsável legal first, so that they are in the file whoever else is left out.
    order = sorted(links, key=lambda rid: (not links[rid][1], normalize_text(snapshot.responsaveis[rid].nome), rid))
    chosen: dict[str, int] = {}
    for papel in ("mae", "pai"):
        rid = next((rid for rid in order if links[rid][0] == papel), None)
        if rid is not None:
            chosen[papel] = rid
    other = next((rid for rid in order if rid not in chosen.values()), None)
    if other is not None:
        chosen["responsavel"] = other

    def person(papel: str) -> list[str | None]:
        if papel not in chosen:
            return [None, None, None]
        data = snapshot.responsaveis[chosen[papel]]
        return [data.nome, v.format_cpf(data.cpf) or None, " / ".join(data.telefones) or None]

    parentesco = PARENTESCO_LABELS[links[other][0]] if other is not None else None
    legal = next((papel for papel, rid in chosen.items() if links[rid][1]), None)
    legal_text = {"mae": "Mãe", "pai": "Pai"}.get(legal or "")
    if legal == "responsavel":
        legal_text = snapshot.responsaveis[chosen["responsavel"]].nome
    return person("mae"), person("pai"), person("responsavel"), parentesco, legal_text


def export_alunos(engine: Engine, path: Path | str) -> int:
    """Write every aluno, with its documents, address and responsáveis, to ``path`` (``.csv``
    or ``.xlsx``, mode 0600); returns how many.

    Columns: :data:`EXPORT_HEADERS`. CPF as 000.000.000-00, phones and other e-mails joined
    by `` / ``, Ativo as Sim/Não, sexo, cor/raça and parentesco by their labels. One mãe, one
    pai and one more responsável fit in a line (the responsável legal always among them). The
    file imports back with no change.
    """
    with Session(engine) as session:
        snapshot = Snapshot.load(session)
    rows = []
    # By nome as the alunos tab lists them: accents and case ignored.
    for aluno_id in sorted(snapshot.alunos, key=lambda i: (normalize_text(snapshot.alunos[i].nome), i)):
        a = snapshot.alunos[aluno_id]
        mae, pai, outro, parentesco, legal = _responsavel_columns(snapshot, aluno_id)
        rows.append(
            [
                a.nome,
                a.email,
                v.format_cpf(a.cpf) or None,
                a.data_nascimento,
                " / ".join(a.telefones) or None,
                "Sim" if a.ativo else "Não",
                a.ra,
                a.nome_social,
                SEXO_LABELS.get(a.sexo or ""),
                COR_RACA_LABELS.get(a.cor_raca or ""),
                a.rg,
                doc.format_certidao(a.certidao_nascimento) or None,
                doc.format_nis(a.nis) or None,
                a.codigo_inep,
                v.format_cep(a.cep) or None,
                a.logradouro,
                a.numero,
                a.complemento,
                a.bairro,
                a.municipio,
                a.uf,
                " / ".join(a.outros_emails) or None,
                *mae,
                *pai,
                *outro,
                parentesco,
                legal,
            ]
        )
    write_table(path, EXPORT_HEADERS, rows)
    return len(rows)
