"""A realistic demo school in a new file, for a newcomer to explore (``main.py demo``).

:func:`criar_demo` makes the file through the real upgrade path (every revision from zero,
as for any new file), then fills it in one transaction: the escola, the disciplinas, one ano
letivo per year back from the current one, turmas from the 1º to the 9º ano, alunos with
their documents, address and responsáveis, enturmações, notas, recuperações finais and
frequência, and a few transferências and abandonos with their motivo.

At least two anos letivos: the year before the current one is closed by the
:class:`~escola_gui.core.encerramento.EncerramentoService` and rolled into the current one by
the :class:`~escola_gui.core.rematricula.RematriculaService`, the code the secretary uses, so the
demo shows a rolled school (``main.py rematricula`` run again on it creates nothing). Older
years (big demos) are written closed.

It never writes into a file that exists. Everything comes from ``random.Random(seed)``, so
the same seed and the same ``hoje`` give the same school.

Speed: a later issue builds 100k alunos with it, so rows are written in bulk (``insert()``
with lists of dicts, and plain ``executemany`` for notas and frequência, the millions of
rows), with ids chosen here instead of read back, and no query per row. The values obey the
CHECK constraints and the services' rules, so that the app can edit every record it shows.
"""

from __future__ import annotations

import math
import os
import random
import unicodedata
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from pathlib import Path
from typing import Any

from sqlalchemy import Connection, Engine, func, insert, select, update

from escola_gui.core import db
from escola_gui.core.documentos import certidao_check_digits, nis_check_digit
from escola_gui.core.errors import EscolaError
from escola_gui.core.etapas import FUNDAMENTAL
from escola_gui.core.models import (
    Aluno,
    AlunoResponsavel,
    AnoLetivo,
    Auditoria,
    Contato,
    ContatoResponsavel,
    Curso,
    Disciplina,
    Enturmacao,
    Escola,
    Etapa,
    Frequencia,
    HistoricoSituacao,
    Matricula,
    Metadado,
    Nota,
    Periodo,
    RecuperacaoFinal,
    Rematricula,
    Responsavel,
    Turma,
    TurmaDisciplina,
)
from escola_gui.core.paths import ensure_private_dir
from escola_gui.storage.file.demo_tables import (
    BAIRROS,
    BIMESTRES,
    COMPOSTOS_F,
    COMPOSTOS_M,
    CORES,
    CURSOS,
    DISCIPLINAS,
    ESCOLAS_DESTINO,
    LOGRADOUROS,
    MOTIVOS_ABANDONO,
    MOTIVOS_TRANSFERENCIA,
    MUNICIPIOS,
    NOMES_AVOS,
    NOMES_F,
    NOMES_M,
    PARTICULAS,
    PATRONOS,
    PESOS_CORES,
    SOBRENOMES,
)
from escola_gui.storage.file.upgrade import upgrade_to_head

MAX_ALUNOS = 999_999  # the RA holds the aluno's number in six digits
ANOS_MAXIMOS = 10
ALUNOS_POR_ANO_EXTRA = 5000  # from 5000 alunos on, one more ano letivo per 5000 (up to 10)
ALUNOS_POR_TURMA = 30
VAGAS = 35
MEDIA = 60  # in tenths: 6,0
FREQUENCIA_MINIMA = 75
_LOTE = 50_000  # rows per executemany


class DemoError(EscolaError):
    """The demo cannot be made (the file exists, a bad number of alunos...); nothing was written."""


@dataclass(frozen=True)
class DemoResumo:
    """What :func:`criar_demo` wrote."""

    alunos: int
    responsaveis: int
    turmas: int
    disciplinas: int
    notas: int
    frequencias: int
    anos_letivos: int


def anos_da_demo(alunos: int) -> int:
    """How many anos letivos a demo of ``alunos`` alunos spans: 2 below 10 000 (the earlier one
    rolled into the current one), then one more per 5000, up to 10."""
    return max(2, min(ANOS_MAXIMOS, alunos // ALUNOS_POR_ANO_EXTRA + 1))


def criar_demo(
    path: Path,
    alunos: int = 300,
    seed: int = 2026,
    progress: Callable[[str], None] | None = None,
    hoje: date | None = None,
) -> DemoResumo:
    """Create a demo school with ``alunos`` alunos in the new file ``path``.

    Callers that share the folder with a running Escola hold a DatabaseLock around this call,
    as around :func:`~escola_gui.storage.file.upgrade.upgrade_to_head`.

    Args:
        alunos: how many alunos in all (those of past years included); 1 to 999 999.
        seed: the same seed (and ``hoje``) gives the same school.
        progress: receives short Portuguese steps, such as "Criando alunos…".
        hoje: the day the demo pretends it is (default: today). Notas and frequência exist
            for the bimestres that ended before it.

    Raises:
        DemoError: ``path`` exists (it is not touched), or ``alunos`` is out of range.
    """
    path = Path(path)
    hoje = hoje or date.today()
    if isinstance(alunos, bool) or not isinstance(alunos, int) or not 1 <= alunos <= MAX_ALUNOS:
        raise DemoError(f"O número de alunos da demonstração deve estar entre 1 e {MAX_ALUNOS:_}.".replace("_", "."))
    if os.path.lexists(path):
        raise DemoError(_ja_existe(path))
    try:
        ensure_private_dir(path.parent)
        # O_EXCL: the file is ours, even if another program creates the same name meanwhile.
        os.close(os.open(path, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o600))
    except FileExistsError as exc:
        raise DemoError(_ja_existe(path)) from exc
    except OSError as exc:
        raise DemoError(f"Não foi possível criar o arquivo {path}: {exc.strerror or exc}.") from exc

    def step(text: str) -> None:
        if progress is not None:
            progress(text)

    try:
        step("Criando o arquivo…")
        upgrade_to_head(path)
        engine = db.create_app_engine(path)
        try:
            resumo = _Gerador(engine, alunos, random.Random(seed), hoje, seed, step).run()
        finally:
            engine.dispose()
    except BaseException:
        # Only the file made above, which holds nothing of the user's.
        for leftover in (path, path.with_name(path.name + "-journal")):
            leftover.unlink(missing_ok=True)
        raise
    step("Pronto.")
    return resumo


def _ja_existe(path: Path) -> str:
    return (
        f"O arquivo {path} já existe. A escola de demonstração só é criada em um arquivo novo, para não "
        "misturar dados de exemplo com dados de verdade; escolha outro nome. O arquivo existente não foi alterado."
    )


# --- documents and small values ---------------------------------------------------------


def _cpf_digit(digits: str) -> int:
    weight = len(digits) + 1
    remainder = sum(int(d) * (weight - i) for i, d in enumerate(digits)) * 10 % 11
    return 0 if remainder == 10 else remainder


def _ascii(text: str) -> str:
    folded = unicodedata.normalize("NFKD", text)
    return "".join(c for c in folded if c.isascii() and c.isalnum()).lower()


def _dia_util(day: date, step: int) -> date:
    while day.weekday() >= 5:
        day += timedelta(days=step)
    return day


def bimestres(ano: int) -> list[tuple[date, date]]:
    """The demo's school calendar: four bimestres from February to December."""
    return [(_dia_util(date(ano, *inicio), 1), _dia_util(date(ano, *fim), -1)) for inicio, fim in BIMESTRES]


def _turma_letra(index: int) -> str:
    letra = chr(ord("A") + index % 26)
    return letra if index < 26 else f"{letra}{index // 26 + 1}"


@dataclass
class _Turma:
    id: int
    serie: int
    step: list[int]  # per disciplina: 1 (notas like 7,3) or 5 (teachers who give 7,0 or 7,5)
    aulas: list[list[int]]  # per disciplina, per bimestre: aulas dadas


class _Gerador:
    """Writes the whole demo in one transaction over ``engine``."""

    def __init__(
        self, engine: Engine, total: int, rng: random.Random, hoje: date, seed: int, step: Callable[[str], None]
    ) -> None:
        self.engine = engine
        self.total = total
        self.rng = rng
        self.hoje = hoje
        self.seed = seed
        self.step = step
        self.anos = list(range(hoje.year - anos_da_demo(total) + 1, hoje.year + 1))
        self.municipio, self.uf, self.ddd, self.cep, self.uf_ibge = rng.choice(MUNICIPIOS)
        self.serventia = f"{rng.randrange(100000, 999999)}"
        self.usados: set[str] = set()  # CPFs and NIS already given
        # Per aluno (index = id): level, how often absent, aptitude per disciplina.
        self.nivel: list[float] = [0.0]
        self.ausencia: list[float] = [0.0]
        self.aptidao: list[tuple[float, ...]] = [()]
        self.next_aluno = self.next_responsavel = self.next_turma = self.next_enturmacao = 1
        self.counts = {"notas": 0, "frequencias": 0, "turmas": 0}
        self.notas: list[tuple[int, int, int, float]] = []
        self.frequencias: list[tuple[int, int, int, int, int]] = []

    # -- writing

    def _insert(self, conn: Connection, model: type, rows: list[dict[str, Any]]) -> None:
        if rows:
            conn.execute(insert(model), rows)

    def _flush(self, conn: Connection, force: bool = False) -> None:
        """Notas and frequência go through plain executemany: they are most of the rows."""
        if self.notas and (force or len(self.notas) >= _LOTE):
            conn.exec_driver_sql(
                f"INSERT INTO {Nota.__tablename__} (enturmacao_id, disciplina_id, periodo_id, nota) "
                "VALUES (?, ?, ?, ?)",
                self.notas,
            )
            self.counts["notas"] += len(self.notas)
            self.notas = []
        if self.frequencias and (force or len(self.frequencias) >= _LOTE):
            conn.exec_driver_sql(
                f"INSERT INTO {Frequencia.__tablename__} (enturmacao_id, disciplina_id, periodo_id, aulas_dadas, "
                "faltas) VALUES (?, ?, ?, ?, ?)",
                self.frequencias,
            )
            self.counts["frequencias"] += len(self.frequencias)
            self.frequencias = []

    # -- the whole school

    def run(self) -> DemoResumo:
        from escola_gui.core.encerramento import EncerramentoService
        from escola_gui.core.rematricula import Destino, RematriculaService

        rng = self.rng
        n_anos = len(self.anos)
        por_ano = self.total if n_anos == 1 else math.ceil(self.total * min(1.6, 1 + 0.5 * (n_anos - 1)) / n_anos)
        novos_por_ano = 0 if n_anos == 1 else (self.total - por_ano) / (n_anos - 1)
        # Share of the alunos who could come back (not formandos, not gone) that do come back.
        voltam = 1.0 if n_anos == 1 else min(1.0, max(0.0, (por_ano - novos_por_ano) / (por_ano * 0.87)))

        # The years before the current one, in one transaction.
        with self.engine.begin() as conn:
            self.step("Cadastrando a escola, as disciplinas e os anos letivos…")
            self._escola(conn)
            self._insert(
                conn,
                Disciplina,
                [
                    {"id": i, "nome": nome, "abreviatura": abrev}
                    for i, (nome, abrev, _c, _f) in enumerate(DISCIPLINAS, 1)
                ],
            )
            periodos = self._anos_letivos(conn)
            continuam: list[tuple[int, int]] = []  # (aluno, série) re-enrolled for the next year
            criados = 0
            for k, ano in enumerate(self.anos[:-1]):
                vagas = max(0, por_ano - len(continuam))
                novos = min(vagas, self.total - criados)
                self.step(f"Ano letivo {ano}: criando alunos e responsáveis…")
                matriculados = continuam + self._novos_alunos(conn, ano, novos, continuam, por_ano)
                criados += novos
                self.step(f"Ano letivo {ano}: turmas, notas e frequência…")
                resultados = self._ano(conn, ano, k + 1, periodos[ano], matriculados)
                continuam = []
                for aluno, serie, resultado in resultados:
                    if resultado is None or (serie == 9 and resultado == "aprovado") or rng.random() >= voltam:
                        continue
                    continuam.append((aluno, serie + 1 if resultado == "aprovado" else serie))
            self._flush(conn, force=True)

        # The year before the current one closed, and rolled into it, as the secretary does.
        atual = self.anos[-1]
        if n_anos > 1:
            anterior = self.anos[-2]
            self.step(f"Encerrando o ano letivo {anterior}…")
            EncerramentoService(self.engine).encerrar(anterior)
            self.step(f"Rematrícula de {anterior} para {atual}…")
            rematricula = RematriculaService(self.engine)
            plano = rematricula.planejar(anterior, atual)
            for linha in list(plano.alunos):  # some families move away over the holidays
                if linha.destino is Destino.TURMA and rng.random() >= voltam:
                    plano.mudar_destino(linha.aluno_id, None)
            feita = rematricula.aplicar(plano)
            # Made at the end of January, as the secretary would have (the same seed and hoje
            # give the same file, to the second).
            quando = datetime(atual, 1, 20, 9, 30)
            with self.engine.begin() as conn:
                conn.execute(update(Rematricula).where(Rematricula.id == feita.rematricula_id).values(feita_em=quando))
                conn.execute(update(Auditoria).values(quando=quando))

        # The current year: the alunos rolled into it, the new ones, their diário.
        with self.engine.begin() as conn:
            self.next_turma = (conn.scalar(select(func.max(Turma.id))) or 0) + 1
            self.next_enturmacao = (conn.scalar(select(func.max(Enturmacao.id))) or 0) + 1
            rematriculados = self._rematriculados(conn, n_anos)
            self.step(f"Ano letivo {atual}: criando alunos e responsáveis…")
            novos = self.total - criados
            continuam = [(aluno, serie) for aluno, serie, _e, _t in rematriculados]
            chegam = self._novos_alunos(conn, atual, novos, continuam, por_ano)
            self.step(f"Ano letivo {atual}: turmas, notas e frequência…")
            self._ano_corrente(conn, n_anos, periodos[atual], chegam, rematriculados)
            self._flush(conn, force=True)

            self.step("Matriculando em cursos livres…")
            ativos = select(Enturmacao.aluno_id).join(Turma, Enturmacao.turma_id == Turma.id)
            ativos = ativos.where(Turma.ano_letivo_id == n_anos, Enturmacao.data_saida.is_(None))
            conn.execute(update(Aluno).where(Aluno.id.in_(ativos)).values(ativo=True))
            self._cursos(conn, sorted(conn.scalars(ativos)))
            conn.execute(
                insert(Metadado),
                [{"chave": "demo", "valor": f"Escola de demonstração (semente {self.seed}, {self.hoje.isoformat()})"}],
            )
            self.step("Gravando o arquivo…")
            turmas = conn.scalar(select(func.count(Turma.id))) or 0
        return DemoResumo(
            alunos=self.next_aluno - 1,
            responsaveis=self.next_responsavel - 1,
            turmas=turmas,
            disciplinas=len(DISCIPLINAS),
            notas=self.counts["notas"],
            frequencias=self.counts["frequencias"],
            anos_letivos=len(self.anos),
        )

    def _escola(self, conn: Connection) -> None:
        rng = self.rng
        self._insert(
            conn,
            Escola,
            [
                {
                    "id": 1,
                    "nome": f"Escola Municipal de Ensino Fundamental {rng.choice(PATRONOS)}",
                    "codigo_inep": f"{self.uf_ibge}{rng.randrange(10**6):06d}",
                    "endereco": f"{rng.choice(LOGRADOUROS)}, {rng.randrange(10, 2000)} – {rng.choice(BAIRROS)}",
                    "municipio": self.municipio,
                    "uf": self.uf,
                    "telefone": f"({self.ddd}) 3{rng.randrange(100, 1000)}-{rng.randrange(10000):04d}",
                }
            ],
        )

    def _anos_letivos(self, conn: Connection) -> dict[int, list[tuple[int, date, date]]]:
        anos, periodos, result = [], [], {}
        for k, ano in enumerate(self.anos, 1):
            anos.append(
                {
                    "id": k,
                    "ano": ano,
                    "tipo_periodo": "bimestre",
                    "formula_media": "aritmetica",
                    "media_aprovacao": 6.0,
                    "frequencia_minima": FREQUENCIA_MINIMA,
                    "recuperacao": "substitui_media",
                    # (the year before the current one is closed by the EncerramentoService)
                    "encerrado": k < len(self.anos) - 1 and ano < self.hoje.year,
                }
            )
            result[ano] = []
            for numero, (inicio, fim) in enumerate(bimestres(ano), 1):
                periodo_id = (k - 1) * 4 + numero
                periodos.append(
                    {
                        "id": periodo_id,
                        "ano_letivo_id": k,
                        "numero": numero,
                        "peso": 1,
                        "data_inicio": inicio,
                        "data_fim": fim,
                    }
                )
                result[ano].append((periodo_id, inicio, fim))
        self._insert(conn, AnoLetivo, anos)
        self._insert(conn, Periodo, periodos)
        return result

    # -- people

    def _cpf(self) -> str:
        while True:
            base = f"{self.rng.randrange(10**8, 10**9)}"
            first = _cpf_digit(base)
            cpf = f"{base}{first}{_cpf_digit(base + str(first))}"
            if cpf not in self.usados and len(set(cpf)) > 1:
                self.usados.add(cpf)
                return cpf

    def _nis(self) -> str:
        while True:
            first10 = f"1{self.rng.randrange(10**9):09d}"
            nis = first10 + str(nis_check_digit(first10))
            if nis not in self.usados:
                self.usados.add(nis)
                return nis

    def _celular(self) -> str:
        return f"({self.ddd}) 9{self.rng.randrange(6000, 10000)}-{self.rng.randrange(10000):04d}"

    def _sobrenome(self) -> str:
        nome = self.rng.choice(SOBRENOMES)
        particula = PARTICULAS.get(nome)
        return f"{particula} {nome}" if particula and self.rng.random() < 0.6 else nome

    def _primeiro_nome(self, sexo: str) -> str:
        rng = self.rng
        if rng.random() < 0.15:
            return rng.choice(COMPOSTOS_F if sexo == "F" else COMPOSTOS_M)
        return rng.choice(NOMES_F if sexo == "F" else NOMES_M)

    def _novos_alunos(
        self, conn: Connection, ano: int, quantos: int, continuam: Sequence[tuple[int, int]], por_ano: int
    ) -> list[tuple[int, int]]:
        """Create ``quantos`` alunos entering in ``ano``, in families, and return (id, série)."""
        rng = self.rng
        if quantos <= 0:
            return []
        # Séries: fill each up to its share of the year, then anywhere.
        alvo = math.ceil(por_ano / 9)
        ocupadas = [0] * 10
        for _aluno, serie in continuam:
            ocupadas[serie] += 1
        series = [s for s in range(1, 10) for _ in range(max(0, alvo - ocupadas[s]))]
        rng.shuffle(series)
        series = series[:quantos]
        series += [rng.randint(1, 9) for _ in range(quantos - len(series))]

        alunos, contatos, responsaveis, contatos_resp, vinculos = [], [], [], [], []
        criados: list[tuple[int, int]] = []
        i = 0
        while i < quantos:
            tamanho = min(quantos - i, rng.choices((1, 2, 3), weights=(70, 22, 8))[0])
            familia = series[i : i + tamanho]
            i += tamanho
            mae_sobrenomes = (self._sobrenome(), self._sobrenome())
            pai_sobrenomes = (self._sobrenome(), self._sobrenome())
            tem_mae = rng.random() < 0.95
            tem_pai = rng.random() < 0.7
            pessoas: list[tuple[int, str]] = []  # (responsável, parentesco)
            for parentesco, presente in (("mae", tem_mae), ("pai", tem_pai), ("avo", not tem_mae and not tem_pai)):
                if not presente:
                    continue
                if parentesco == "mae":
                    nome = f"{self._primeiro_nome('F')} {' '.join(mae_sobrenomes)}"
                elif parentesco == "pai":
                    nome = f"{self._primeiro_nome('M')} {' '.join(pai_sobrenomes)}"
                else:  # the avó paterna: the children carry their father's surnames, his first is hers
                    nome = f"{rng.choice(NOMES_AVOS)} {self._sobrenome()} {pai_sobrenomes[0]}"
                rid = self.next_responsavel
                self.next_responsavel += 1
                responsaveis.append(
                    {"id": rid, "nome": nome, "cpf": self._cpf() if rng.random() < 0.85 else None, "observacoes": None}
                )
                contatos_resp.append({"responsavel_id": rid, "tipo": "telefone", "valor": self._celular()})
                if rng.random() < 0.4:
                    email = f"{_ascii(nome.split()[0])}.{_ascii(nome.split()[-1])}{rid}@exemplo.com.br"
                    contatos_resp.append({"responsavel_id": rid, "tipo": "email", "valor": email})
                pessoas.append((rid, parentesco))
            # One responsável legal per aluno: mostly the mãe, sometimes the pai, else the avó.
            por_parentesco = {parentesco: rid for rid, parentesco in pessoas}
            if "mae" in por_parentesco and ("pai" not in por_parentesco or rng.random() < 0.85):
                legal = por_parentesco["mae"]
            else:
                legal = por_parentesco.get("pai", pessoas[0][0])
            if tem_mae and tem_pai:
                sobrenome = f"{mae_sobrenomes[1]} {pai_sobrenomes[1]}"
            else:
                sobrenome = " ".join(mae_sobrenomes if tem_mae else pai_sobrenomes)
            endereco = {
                "cep": f"{self.cep}{rng.randrange(100000):05d}",
                "logradouro": rng.choice(LOGRADOUROS),
                "numero": str(rng.randrange(1, 2500)) if rng.random() < 0.95 else "s/n",
                "complemento": rng.choice((None, None, None, "Casa 2", "Apto 12", "Bloco B, apto 303", "Fundos")),
                "bairro": rng.choice(BAIRROS),
                "municipio": self.municipio,
                "uf": self.uf,
            }
            nascimentos: dict[int, date] = {}  # twins: the same série, the same day
            nomes_na_familia: set[str] = set()  # siblings have different first names
            for serie in familia:
                aluno_id = self.next_aluno
                self.next_aluno += 1
                sexo = rng.choice("FM")
                idade = serie + 5 + (1 if rng.random() < 0.06 else 0)
                if serie not in nascimentos:
                    nascimentos[serie] = date(ano - idade - 1, 4, 1) + timedelta(days=rng.randrange(365))
                nascimento = nascimentos[serie]
                primeiro = self._primeiro_nome(sexo)
                while primeiro in nomes_na_familia:
                    primeiro = self._primeiro_nome(sexo)
                nomes_na_familia.add(primeiro)
                nome = f"{primeiro} {sobrenome}"
                email = None
                if serie >= 6 and rng.random() < 0.25:
                    email = f"{_ascii(primeiro.split()[0])}.{aluno_id}@aluno.exemplo.edu.br"
                rg = None
                if idade >= 10 and rng.random() < 0.4:
                    rg = f"{rng.randrange(10, 60)}.{rng.randrange(1000):03d}.{rng.randrange(1000):03d}-"
                    rg += rng.choice("0123456789X")
                certidao = None
                if rng.random() < 0.75:
                    first30 = f"{self.serventia}0155{nascimento.year}1{rng.randrange(1, 400):05d}"
                    first30 += f"{rng.randrange(1, 300):03d}{aluno_id:07d}"  # the termo makes it unique
                    certidao = first30 + certidao_check_digits(first30)
                alunos.append(
                    {
                        "id": aluno_id,
                        "nome": nome,
                        "email": email,
                        "cpf": self._cpf() if rng.random() < 0.55 else None,
                        "data_nascimento": nascimento,
                        "ativo": False,  # those in a turma of the current year become active at the end
                        "nome_social": None,
                        "sexo": sexo,
                        "cor_raca": rng.choices(CORES, PESOS_CORES)[0],
                        "rg": rg,
                        "certidao_nascimento": certidao,
                        "nis": self._nis() if rng.random() < 0.3 else None,
                        # 12 digits, unique: each aluno has a range of its own
                        "codigo_inep": str(110000000000 + aluno_id * 97 + rng.randrange(97))
                        if rng.random() < 0.85
                        else None,
                        "ra": f"{self.anos[0] % 100:02d}{aluno_id:06d}",
                        **endereco,
                        "foto": None,
                    }
                )
                if serie >= 5 and rng.random() < 0.3:
                    contatos.append({"aluno_id": aluno_id, "tipo": "telefone", "valor": self._celular()})
                for rid, parentesco in pessoas:
                    vinculos.append(
                        {
                            "aluno_id": aluno_id,
                            "responsavel_id": rid,
                            "parentesco": parentesco,
                            "responsavel_legal": rid == legal,
                        }
                    )
                level = min(9.6, max(4.0, rng.gauss(7.6, 0.9)))
                self.nivel.append(level)
                self.ausencia.append(rng.uniform(0.27, 0.45) if rng.random() < 0.03 else rng.uniform(0.0, 0.08))
                self.aptidao.append(tuple(rng.gauss(0.0, 0.5) for _ in DISCIPLINAS))
                criados.append((aluno_id, serie))
        self._insert(conn, Aluno, alunos)
        self._insert(conn, Contato, contatos)
        self._insert(conn, Responsavel, responsaveis)
        self._insert(conn, ContatoResponsavel, contatos_resp)
        self._insert(conn, AlunoResponsavel, vinculos)
        return criados

    # -- one school year

    def _ano(
        self,
        conn: Connection,
        ano: int,
        ano_letivo_id: int,
        periodos: list[tuple[int, date, date]],
        matriculados: list[tuple[int, int]],
    ) -> list[tuple[int, int, str | None]]:
        """Turmas, enturmações, notas and frequência of a year; returns (aluno, série, result).

        The result is "aprovado", "retido" or "faltas" for a finished year, ``None`` for an
        aluno who left during it (or a year not finished).
        """
        rng = self.rng
        passados = [p for p in periodos if p[2] < self.hoje]
        completo = len(passados) == len(periodos)
        inicio = periodos[0][1]
        por_serie: dict[int, list[int]] = {s: [] for s in range(1, 10)}
        for aluno, serie in matriculados:
            por_serie[serie].append(aluno)
        salas = {"matutino": 0, "vespertino": 0}
        # Each turma of the nth ano belongs to its etapa of the catalogue (revision 0013).
        etapas = {codigo: i for codigo, i in conn.execute(select(Etapa.codigo_educacenso, Etapa.id))}
        resultados: list[tuple[int, int, str | None]] = []
        # One série at a time: its turmas and enturmações first, then their diário, so that
        # memory holds one série's rows, whatever the size of the school.
        for serie, alunos in por_serie.items():
            if not alunos:
                continue
            rng.shuffle(alunos)
            quantas = max(1, round(len(alunos) / ALUNOS_POR_TURMA))
            if len(alunos) / quantas > VAGAS:
                quantas += 1
            turmas, turmas_disc, enturmacoes, historicos, finais = [], [], [], [], []
            pendentes: list[tuple[_Turma, int, int, date | None]] = []
            for t in range(quantas):
                grupo = alunos[t::quantas]
                if quantas == 1:  # a small school: anos iniciais in the afternoon
                    turno = "vespertino" if serie <= 5 else "matutino"
                else:
                    turno = ("matutino", "vespertino")[t % 2]
                salas[turno] += 1
                turma = _Turma(
                    id=self.next_turma,
                    serie=serie,
                    step=[rng.choice((1, 5)) for _ in DISCIPLINAS],
                    aulas=[[carga // 4 - rng.randrange(3) for _ in periodos] for _n, _a, carga, _f in DISCIPLINAS],
                )
                self.next_turma += 1
                turmas.append(
                    {
                        "id": turma.id,
                        "ano_letivo_id": ano_letivo_id,
                        "nome": f"{serie}º ano {_turma_letra(t)}",
                        "serie": f"{serie}º ano",
                        "turno": turno,
                        "sala": f"Sala {salas[turno]:02d}",
                        "vagas": max(VAGAS, len(grupo)),
                        "etapa_id": etapas[FUNDAMENTAL[serie]],
                    }
                )
                turmas_disc += [
                    {"turma_id": turma.id, "disciplina_id": d, "carga_horaria": carga}
                    for d, (_n, _a, carga, _f) in enumerate(DISCIPLINAS, 1)
                ]
                for aluno in grupo:
                    enturmacao = self.next_enturmacao
                    self.next_enturmacao += 1
                    saida, situacao, motivo, destino = self._saida(inicio, periodos[-1][2])
                    enturmacoes.append(
                        {
                            "id": enturmacao,
                            "aluno_id": aluno,
                            "turma_id": turma.id,
                            "data_entrada": inicio,
                            "data_saida": saida,
                            "situacao_manual": situacao,
                            "motivo_situacao": motivo,
                            **destino,
                        }
                    )
                    if saida is not None:
                        historicos.append(
                            {
                                "enturmacao_id": enturmacao,
                                "situacao_anterior": None,
                                "situacao_nova": situacao,
                                "motivo": motivo,
                                "alterado_em": datetime.combine(saida, time(rng.randrange(8, 17), rng.randrange(60))),
                            }
                        )
                    pendentes.append((turma, enturmacao, aluno, saida))
            self.counts["turmas"] += len(turmas)
            self._insert(conn, Turma, turmas)
            self._insert(conn, TurmaDisciplina, turmas_disc)
            self._insert(conn, Enturmacao, enturmacoes)
            self._insert(conn, HistoricoSituacao, historicos)
            for turma, enturmacao, aluno, saida in pendentes:
                lancados = [p for p in passados if saida is None or p[2] < saida]
                resultado = self._diario(enturmacao, aluno, turma, lancados, completo and saida is None, finais)
                resultados.append((aluno, serie, resultado))
                self._flush(conn)
            self._insert(conn, RecuperacaoFinal, finais)
        return resultados

    def _rematriculados(self, conn: Connection, ano_letivo_id: int) -> list[tuple[int, int, int, int]]:
        """(aluno, série, enturmação, turma) of those the rematrícula put in the year."""
        serie_da_etapa = {
            etapa_id: n
            for n, codigo in FUNDAMENTAL.items()
            for etapa_id in conn.scalars(select(Etapa.id).where(Etapa.codigo_educacenso == codigo))
        }
        rows = conn.execute(
            select(Enturmacao.aluno_id, Turma.etapa_id, Enturmacao.id, Turma.id)
            .join(Turma, Enturmacao.turma_id == Turma.id)
            .where(Turma.ano_letivo_id == ano_letivo_id)
            .order_by(Enturmacao.id)
        )
        return [(aluno, serie_da_etapa[etapa], e, turma) for aluno, etapa, e, turma in rows]

    def _ano_corrente(
        self,
        conn: Connection,
        ano_letivo_id: int,
        periodos: list[tuple[int, date, date]],
        chegam: list[tuple[int, int]],
        rematriculados: list[tuple[int, int, int, int]],
    ) -> None:
        """The current year: the new alunos placed in the turmas the rematrícula made (a new
        turma once those of their série hold 30), a few saídas, and everyone's diário."""
        rng = self.rng
        passados = [p for p in periodos if p[2] < self.hoje]
        completo = len(passados) == len(periodos)
        inicio = periodos[0][1]
        etapas = {codigo: i for codigo, i in conn.execute(select(Etapa.codigo_educacenso, Etapa.id))}
        por_serie: dict[int, list[int]] = {s: [] for s in range(1, 10)}  # turma ids
        ocupacao: dict[int, int] = {}
        turno_de: dict[int, str] = {}
        serie_da_etapa = {etapas[codigo]: n for n, codigo in FUNDAMENTAL.items()}
        salas = {"matutino": 0, "vespertino": 0}
        for turma_id, etapa_id, turno in conn.execute(
            select(Turma.id, Turma.etapa_id, Turma.turno)
            .where(Turma.ano_letivo_id == ano_letivo_id)
            .order_by(Turma.nome)
        ):
            por_serie[serie_da_etapa[etapa_id]].append(turma_id)
            ocupacao[turma_id] = 0
            turno_de[turma_id] = turno
            salas[turno] = salas.get(turno, 0) + 1
        for _aluno, _serie, _e, turma_id in rematriculados:
            ocupacao[turma_id] += 1
        turmas, turmas_disc, enturmacoes, historicos, finais = [], [], [], [], []
        pendentes: list[tuple[int, int, int, int | None, date | None]] = []  # turma, enturmação, aluno, ...
        for _aluno, _serie, e, turma_id in rematriculados:
            pendentes.append((turma_id, e, _aluno, e, None))
        novos_por_serie: dict[int, list[int]] = {s: [] for s in range(1, 10)}
        for aluno, serie in chegam:
            novos_por_serie[serie].append(aluno)
        for serie, alunos in novos_por_serie.items():
            rng.shuffle(alunos)
            for aluno in alunos:
                livres = [t for t in por_serie[serie] if ocupacao[t] < ALUNOS_POR_TURMA]
                if not livres:
                    t = len(por_serie[serie])
                    turno = ("matutino", "vespertino")[t % 2] if t else ("vespertino" if serie <= 5 else "matutino")
                    salas[turno] += 1
                    turma_id = self.next_turma
                    self.next_turma += 1
                    turmas.append(
                        {
                            "id": turma_id,
                            "ano_letivo_id": ano_letivo_id,
                            "nome": f"{serie}º ano {_turma_letra(t)}",
                            "serie": f"{serie}º ano",
                            "turno": turno,
                            "sala": f"Sala {salas[turno]:02d}",
                            "vagas": VAGAS,
                            "etapa_id": etapas[FUNDAMENTAL[serie]],
                        }
                    )
                    turmas_disc += [
                        {"turma_id": turma_id, "disciplina_id": d, "carga_horaria": carga}
                        for d, (_n, _a, carga, _f) in enumerate(DISCIPLINAS, 1)
                    ]
                    por_serie[serie].append(turma_id)
                    ocupacao[turma_id] = 0
                    livres = [turma_id]
                turma_id = min(livres, key=lambda t: (ocupacao[t], t))
                ocupacao[turma_id] += 1
                enturmacao = self.next_enturmacao
                self.next_enturmacao += 1
                enturmacoes.append(
                    {
                        "id": enturmacao,
                        "aluno_id": aluno,
                        "turma_id": turma_id,
                        "data_entrada": inicio,
                        "data_saida": None,
                        "situacao_manual": None,
                        "motivo_situacao": None,
                    }
                )
                pendentes.append((turma_id, enturmacao, aluno, None, None))
        self._insert(conn, Turma, turmas)
        self._insert(conn, TurmaDisciplina, turmas_disc)
        self._insert(conn, Enturmacao, enturmacoes)
        # A few leave during the year (those the rematrícula put here too).
        diarios: dict[int, _Turma] = {}
        for k, (turma_id, enturmacao, aluno, _rematriculado, _s) in enumerate(pendentes):
            saida, situacao, motivo, destino = self._saida(inicio, periodos[-1][2])
            if saida is not None:
                conn.execute(
                    update(Enturmacao)
                    .where(Enturmacao.id == enturmacao)
                    .values(data_saida=saida, situacao_manual=situacao, motivo_situacao=motivo, **destino)
                )
                historicos.append(
                    {
                        "enturmacao_id": enturmacao,
                        "situacao_anterior": None,
                        "situacao_nova": situacao,
                        "motivo": motivo,
                        "alterado_em": datetime.combine(saida, time(rng.randrange(8, 17), rng.randrange(60))),
                    }
                )
            pendentes[k] = (turma_id, enturmacao, aluno, _rematriculado, saida)
        self._insert(conn, HistoricoSituacao, historicos)
        for turma_id, enturmacao, aluno, _rematriculado, saida in pendentes:
            turma = diarios.get(turma_id)
            if turma is None:
                turma = diarios[turma_id] = _Turma(
                    id=turma_id,
                    serie=0,
                    step=[rng.choice((1, 5)) for _ in DISCIPLINAS],
                    aulas=[[carga // 4 - rng.randrange(3) for _ in periodos] for _n, _a, carga, _f in DISCIPLINAS],
                )
            lancados = [p for p in passados if saida is None or p[2] < saida]
            self._diario(enturmacao, aluno, turma, lancados, completo and saida is None, finais)
            self._flush(conn)
        self._insert(conn, RecuperacaoFinal, finais)

    def _saida(self, inicio: date, fim: date) -> tuple[date | None, str | None, str | None, dict[str, str | None]]:
        """A few alunos leave during the year: transferido (with the school they go to) or
        abandono, on a past school day."""
        rng = self.rng
        sorteio = rng.random()
        nenhum: dict[str, str | None] = dict.fromkeys(("escola_destino", "municipio_destino", "uf_destino"))
        if sorteio >= 0.022:
            return None, None, None, nenhum
        dia = _dia_util(inicio + timedelta(days=rng.randrange(20, (fim - inicio).days - 10)), 1)
        if dia >= self.hoje:
            return None, None, None, nenhum
        if sorteio < 0.015:
            municipio, uf = rng.choice([(m, uf) for m, uf, *_ in MUNICIPIOS if m != self.municipio])
            motivo = rng.choice(MOTIVOS_TRANSFERENCIA).format(cidade=f"{municipio}/{uf}")
            # (no draw of its own: the school follows from the town, and the seed gives the same file)
            escola = ESCOLAS_DESTINO[sum(map(ord, municipio)) % len(ESCOLAS_DESTINO)]
            destino = {"escola_destino": escola, "municipio_destino": municipio, "uf_destino": uf}
            return dia, "transferido", motivo, destino
        return dia, "abandono", rng.choice(MOTIVOS_ABANDONO), nenhum

    def _diario(
        self,
        enturmacao: int,
        aluno: int,
        turma: _Turma,
        periodos: Sequence[tuple[int, date, date]],
        completo: bool,
        finais: list[dict[str, Any]],
    ) -> str | None:
        """Notas and frequência of one aluno in the given bimestres; the year's result when complete."""
        rng = self.rng
        gauss, random_ = rng.gauss, rng.random
        nivel, ausencia, aptidao = self.nivel[aluno], self.ausencia[aluno], self.aptidao[aluno]
        notas, frequencias = self.notas, self.frequencias
        aulas_total = faltas_total = 0
        retido = False
        for d, (_n, _a, _c, facilidade) in enumerate(DISCIPLINAS):
            disciplina = d + 1
            media_aluno = nivel + aptidao[d] + facilidade
            passo = turma.step[d]
            soma = 0
            for k, (periodo_id, _inicio, _fim) in enumerate(periodos):
                decimos = round(min(10.0, max(0.0, media_aluno + gauss(0.0, 0.8))) * 10 / passo) * passo
                decimos = min(100, decimos)
                soma += decimos
                notas.append((enturmacao, disciplina, periodo_id, decimos / 10))
                aulas = turma.aulas[d][k]
                faltas = min(aulas, int(aulas * ausencia * 2 * random_() + 0.5))
                aulas_total += aulas
                faltas_total += faltas
                frequencias.append((enturmacao, disciplina, periodo_id, aulas, faltas))
            if completo:
                media = (soma + 2) // 4  # one decimal, half up, as avaliacao.calcular_media
                if media < MEDIA:
                    # Every média below 6 has its recuperação final: a finished year has every
                    # result, so that it can be closed (the draw that once left 5 % without one
                    # is kept, so that a seed gives the same alunos as before).
                    random_()
                    recuperacao = min(100, max(0, round(gauss(7.2, 1.0) * 10 / passo) * passo))
                    finais.append({"enturmacao_id": enturmacao, "disciplina_id": disciplina, "nota": recuperacao / 10})
                    media = max(media, recuperacao)
                    retido = retido or media < MEDIA
        if not completo:
            return None
        if (aulas_total - faltas_total) * 100 < FREQUENCIA_MINIMA * aulas_total:
            return "faltas"
        return "retido" if retido else "aprovado"

    # -- cursos livres (the legacy cursos and matrículas)

    def _cursos(self, conn: Connection, ativos: Iterable[int]) -> None:
        rng = self.rng
        self._insert(
            conn,
            Curso,
            [
                {"id": i, "nome": nome, "descricao": descricao, "carga_horaria": carga, "observacoes": None}
                for i, (nome, descricao, carga) in enumerate(CURSOS, 1)
            ],
        )
        inicio = bimestres(self.hoje.year)[0][0]
        matriculas = []
        for aluno in ativos:
            if rng.random() < 0.12:
                for curso in rng.sample(range(1, len(CURSOS) + 1), k=rng.choice((1, 1, 1, 2))):
                    dia = min(self.hoje, _dia_util(inicio + timedelta(days=rng.randrange(30)), 1))
                    matriculas.append(
                        {"aluno_id": aluno, "curso_id": curso, "data_matricula": dia, "observacoes": None}
                    )
        self._insert(conn, Matricula, matriculas)
