"""The catalogue of etapas, and turmas belonging to an etapa.

- ``etapas`` (new): creche, pré-escola, the 1º to 9º ano, the 1ª to 3ª série do ensino médio
  and three etapas of EJA, seeded here with their order (the seeded id is the ordem), their
  Educacenso code, the etapa that comes next, whether each is the last of its etapa de ensino
  (``concluinte``) and the age a child usually has when starting it. The codes are the INEP's
  "etapa de ensino" codes of the Censo Escolar as i-Educar seeds them (portabilis/i-educar,
  ``database/sqls/inserts/public.etapa_educacenso.sql``).
- ``turmas.etapa_id`` (new, nullable, never cascades): each existing turma whose free-text
  ``serie`` names one etapa unambiguously ("5º ano", "quinto ano", "1ª série do ensino médio",
  "pré II", "maternal") gets it; the others ("4ª série" of the 8-year ensino fundamental, which
  is today's 5º ano; "1ª série" alone, which may be the ensino médio; "Multisseriada"...) are
  left without one, for the secretary to choose once (Configurações → Etapas). ``serie`` is
  kept as it was, every turma's. Each turma is recorded in ``registro_migracao`` with its série
  text: ``etapa_mapeada`` (valor_novo: the etapa's nome) or ``etapa_nao_identificada``.

The rules that read a série are a frozen copy of ``escola_gui.core.etapas`` as it was when this
revision shipped: a revision never imports the app, whose rules may change later.

Going down drops ``turmas.etapa_id`` (the etapas chosen by hand are lost; the plan of the
downgrade names how many), the catalogue and this revision's rows of ``registro_migracao``.

Revision ID: 0013
Revises: 0012
Create Date: 2026-12-07
"""

import re
import unicodedata
from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0013"
down_revision: str | Sequence[str] | None = "0012"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

# Shown to the user in the upgrade progress window (Portuguese).
descricao = "Etapas (1º ano, pré-escola, ensino médio...) e a etapa de cada turma"

# (id = ordem, nome, segmento, codigo_educacenso, the next etapa's id, concluinte, idade_referencia)
ETAPAS = (
    (1, "Creche", "educacao_infantil", 1, 2, False, 0),
    (2, "Pré-escola", "educacao_infantil", 2, 3, True, 4),
    (3, "1º ano", "fundamental_anos_iniciais", 14, 4, False, 6),
    (4, "2º ano", "fundamental_anos_iniciais", 15, 5, False, 7),
    (5, "3º ano", "fundamental_anos_iniciais", 16, 6, False, 8),
    (6, "4º ano", "fundamental_anos_iniciais", 17, 7, False, 9),
    (7, "5º ano", "fundamental_anos_iniciais", 18, 8, False, 10),
    (8, "6º ano", "fundamental_anos_finais", 19, 9, False, 11),
    (9, "7º ano", "fundamental_anos_finais", 20, 10, False, 12),
    (10, "8º ano", "fundamental_anos_finais", 21, 11, False, 13),
    (11, "9º ano", "fundamental_anos_finais", 41, 12, True, 14),
    (12, "1ª série do ensino médio", "ensino_medio", 25, 13, False, 15),
    (13, "2ª série do ensino médio", "ensino_medio", 26, 14, False, 16),
    (14, "3ª série do ensino médio", "ensino_medio", 27, None, True, 17),
    (15, "EJA — fundamental, anos iniciais", "eja", 69, 16, False, None),
    (16, "EJA — fundamental, anos finais", "eja", 70, 17, True, None),
    (17, "EJA — ensino médio", "eja", 71, None, True, None),
)

# --- the rules that read a série (frozen copy of escola_gui.core.etapas) ------------------

# Educacenso codes.
CRECHE, PRE_ESCOLA = 1, 2
FUNDAMENTAL = {1: 14, 2: 15, 3: 16, 4: 17, 5: 18, 6: 19, 7: 20, 8: 21, 9: 41}
MEDIO = {1: 25, 2: 26, 3: 27}
EJA_FUNDAMENTAL_INICIAIS, EJA_FUNDAMENTAL_FINAIS, EJA_MEDIO = 69, 70, 71

_ORDINAIS = {
    "primeiro": 1, "primeira": 1, "segundo": 2, "segunda": 2, "terceiro": 3, "terceira": 3,
    "quarto": 4, "quarta": 4, "quinto": 5, "quinta": 5, "sexto": 6, "sexta": 6,
    "setimo": 7, "setima": 7, "oitavo": 8, "oitava": 8, "nono": 9, "nona": 9,
}  # fmt: skip
_ORD = r"(?P<n>[1-9])\s*(?:o|a)?|(?P<palavra>" + "|".join(_ORDINAIS) + ")"
_DO = r"(?:(?:do|de|da)\s+)?"
_EF = _DO + r"(?:ensino\s+fundamental(?:\s+(?:de\s+)?9\s+anos)?|fundamental|ef)"
_ANOS = r"(?:\s+(?:-\s+)?(?P<anos>anos\s+iniciais|anos\s+finais))?"
_EM = _DO + r"(?:ensino\s+medio|medio|em|colegial)"
_EI = r"(?:\s+(?:-\s+)?" + _DO + r"(?:educacao\s+infantil|ei))?"
_ROMANO = r"(?:\s+(?:i{1,3}|[1-3]))?"

_FUNDAMENTAL_RE = re.compile(rf"(?:{_ORD})\s*ano(?:\s+(?:-\s+)?{_EF})?{_ANOS}")
_MEDIO_RE = re.compile(rf"(?:{_ORD})\s*(?:(?:ano|serie)\s+)?(?:-\s+)?{_EM}")
_CRECHE_RE = re.compile(rf"(?:creche|bercario{_ROMANO}|(?:mini\s+)?maternal{_ROMANO}){_EI}")
_PRE_RE = re.compile(rf"pre(?:\s+escola)?(?:\s+(?:i{{1,2}}|[12]))?{_EI}")
_EJA_RE = re.compile(r"eja|educacao\s+de\s+jovens\s+e\s+adultos")
_EJA_INICIAIS_RE = re.compile(
    r"(?:\s+-)?(?:\s+" + _EF + r")?(?:\s+-)?\s+(?:anos\s+iniciais|1o\s+segmento|primeiro\s+segmento)"
)
_EJA_FINAIS_RE = re.compile(
    r"(?:\s+-)?(?:\s+" + _EF + r")?(?:\s+-)?\s+(?:anos\s+finais|2o\s+segmento|segundo\s+segmento)"
)
_EJA_MEDIO_RE = re.compile(r"(?:\s+-)?\s+" + _EM)


def _normalizar(texto: str) -> str:
    """The série as the parser reads it: no accents, lower case, º and ª as o and a, dots and
    dashes of "pré-escola" or "1º E.M." as spaces (a dash between words stays as " - ")."""
    texto = texto.replace("º", "o").replace("°", "o").replace("ª", "a")
    texto = unicodedata.normalize("NFKD", texto)
    texto = "".join(c for c in texto if not unicodedata.combining(c)).casefold()
    texto = re.sub(r"(?<=\w)\.(?=\w)", "", texto)  # "e.m." -> "em."
    texto = re.sub(r"(?<=\w)-(?=\w)", " ", texto)  # "pre-escola" -> "pre escola"
    texto = texto.replace(".", " ").replace(",", " ").replace("(", " ").replace(")", " ")
    return " ".join(texto.split())


def _numero(match: re.Match[str]) -> int:
    return int(match["n"]) if match["n"] else _ORDINAIS[match["palavra"]]


def etapa_da_serie(texto: object) -> int | None:
    """The Educacenso code of the etapa a free-text série names, or None when it is not
    unambiguous.

    Read: "5º ano", "5o ano", "5 ano", "5º ano do ensino fundamental", "quinto ano",
    "1ª série do ensino médio", "1º ano EM", "2º colegial", "pré-escola", "pré I", "pré II",
    "creche", "berçário", "maternal II", "EJA anos finais", "EJA ensino médio".
    Refused: a "série" without "ensino médio" ("4ª série", "5a série": the 8-year ensino
    fundamental's 4ª série is today's 5º ano, and "1ª série" alone may be the ensino médio),
    ranges ("1º ao 3º ano"), a 4ª série of the ensino médio, anything else.
    """
    if not isinstance(texto, str) or not texto:
        return None  # (another tool may have stored a number or a blob)
    s = _normalizar(texto)
    if match := _FUNDAMENTAL_RE.fullmatch(s):
        n = _numero(match)
        anos = match["anos"]
        if anos and (anos.endswith("iniciais") != (n <= 5)):
            return None  # "6º ano, anos iniciais": contradicts itself
        return FUNDAMENTAL.get(n)
    if match := _MEDIO_RE.fullmatch(s):
        return MEDIO.get(_numero(match))
    if _CRECHE_RE.fullmatch(s):
        return CRECHE
    if _PRE_RE.fullmatch(s):
        return PRE_ESCOLA
    if match := _EJA_RE.match(s):
        resto = s[match.end() :]
        if _EJA_INICIAIS_RE.fullmatch(resto):
            return EJA_FUNDAMENTAL_INICIAIS
        if _EJA_FINAIS_RE.fullmatch(resto):
            return EJA_FUNDAMENTAL_FINAIS
        if _EJA_MEDIO_RE.fullmatch(resto):
            return EJA_MEDIO
    return None


def upgrade() -> None:
    op.create_table(
        "etapas",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("nome", sa.String(length=50), nullable=False),
        sa.Column("segmento", sa.String(length=30), nullable=False),
        sa.Column("ordem", sa.Integer(), nullable=False),
        sa.Column("codigo_educacenso", sa.Integer(), nullable=True),
        sa.Column("proxima_etapa_id", sa.Integer(), nullable=True),
        sa.Column("concluinte", sa.Boolean(), server_default=sa.text("0"), nullable=False),
        sa.Column("idade_referencia", sa.Integer(), nullable=True),
        sa.CheckConstraint(
            "segmento IN ('educacao_infantil', 'fundamental_anos_iniciais', 'fundamental_anos_finais', "
            "'ensino_medio', 'eja')",
            name=op.f("ck_etapas_segmento"),
        ),
        sa.CheckConstraint(
            "idade_referencia IS NULL OR idade_referencia BETWEEN 0 AND 99", name=op.f("ck_etapas_idade_referencia")
        ),
        sa.ForeignKeyConstraint(
            ["proxima_etapa_id"], ["etapas.id"], name=op.f("fk_etapas_proxima_etapa_id_etapas"), ondelete="RESTRICT"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_etapas")),
        sa.UniqueConstraint("codigo_educacenso", name=op.f("uq_etapas_codigo_educacenso")),
        sa.UniqueConstraint("nome", name=op.f("uq_etapas_nome")),
    )
    bind = op.get_bind()
    bind.exec_driver_sql(
        "INSERT INTO etapas (id, nome, segmento, ordem, codigo_educacenso, proxima_etapa_id, concluinte, "
        "idade_referencia) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
        [(i, nome, seg, i, codigo, proxima, int(fim), idade) for i, nome, seg, codigo, proxima, fim, idade in ETAPAS],
    )

    # A batch rebuild of turmas (SQLite cannot add a foreign key otherwise): the upgrade runs with
    # foreign keys off, so its children (enturmações, disciplinas) are not touched.
    with op.batch_alter_table("turmas", schema=None) as batch_op:
        batch_op.add_column(sa.Column("etapa_id", sa.Integer(), nullable=True))
        batch_op.create_index(batch_op.f("ix_turmas_etapa_id"), ["etapa_id"], unique=False)
        batch_op.create_foreign_key(
            batch_op.f("fk_turmas_etapa_id_etapas"), "etapas", ["etapa_id"], ["id"], ondelete="RESTRICT"
        )

    # Each distinct série read once; every turma recorded, in id order.
    por_codigo = {codigo: (i, nome) for i, nome, _seg, codigo, *_rest in ETAPAS}
    lidas: dict[tuple[type, object], tuple[int, str] | None] = {}
    mapped, records = [], []
    for turma_id, serie in bind.exec_driver_sql("SELECT id, serie FROM turmas ORDER BY id"):
        key = (type(serie), serie)
        if key not in lidas:
            codigo = etapa_da_serie(serie)
            lidas[key] = None if codigo is None else por_codigo[codigo]
        etapa = lidas[key]
        if etapa is None:
            records.append((turma_id, "etapa_nao_identificada", serie, None))  # as stored, even bytes
        else:
            mapped.append((etapa[0], turma_id))
            records.append((turma_id, "etapa_mapeada", serie, etapa[1]))
    if mapped:
        bind.exec_driver_sql("UPDATE turmas SET etapa_id = ? WHERE id = ?", mapped)
    if records:
        bind.exec_driver_sql(
            "INSERT INTO registro_migracao (revisao, tabela, registro_id, campo, acao, valor_anterior, valor_novo) "
            f"VALUES ('{revision}', 'turmas', ?, 'etapa_id', ?, ?, ?)",
            records,
        )


def downgrade() -> None:
    with op.batch_alter_table("turmas", schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f("fk_turmas_etapa_id_etapas"), type_="foreignkey")
        batch_op.drop_index(batch_op.f("ix_turmas_etapa_id"))
        batch_op.drop_column("etapa_id")

    op.drop_table("etapas")
    op.execute(f"DELETE FROM registro_migracao WHERE revisao = '{revision}'")
