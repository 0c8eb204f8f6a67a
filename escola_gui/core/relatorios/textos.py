"""Titles, labels, column names and sentence patterns of the documents (Portuguese, marked for the
GUI's translation in the ``relatorios`` context), and the values they print."""

from __future__ import annotations

from escola_gui.core.errors import QT_TRANSLATE_NOOP

TRANSLATION_CONTEXT = "relatorios"

# Values, not labels: they are part of the record's text, like the nome, and stay Portuguese.
SIM = "Sim"
NAO = "Não"
# Portuguese agrees in gender with the field: "CPF não informado", "data não informada".
NAO_INFORMADO = "não informado"
NAO_INFORMADA = "não informada"

FICHA_TITULO = QT_TRANSLATE_NOOP("relatorios", "Ficha do aluno")
SECAO_DADOS = QT_TRANSLATE_NOOP("relatorios", "Dados do aluno")
SECAO_DOCUMENTOS = QT_TRANSLATE_NOOP("relatorios", "Documentos")
SECAO_CONTATOS = QT_TRANSLATE_NOOP("relatorios", "Contatos")
SECAO_MATRICULAS = QT_TRANSLATE_NOOP("relatorios", "Matrículas")
ROTULO_NOME = QT_TRANSLATE_NOOP("relatorios", "Nome")
ROTULO_NOME_SOCIAL = QT_TRANSLATE_NOOP("relatorios", "Nome social")
ROTULO_RA = QT_TRANSLATE_NOOP("relatorios", "RA")
ROTULO_SEXO = QT_TRANSLATE_NOOP("relatorios", "Sexo")
ROTULO_COR_RACA = QT_TRANSLATE_NOOP("relatorios", "Cor/raça")
ROTULO_CPF = QT_TRANSLATE_NOOP("relatorios", "CPF")
ROTULO_RG = QT_TRANSLATE_NOOP("relatorios", "RG")
ROTULO_CERTIDAO = QT_TRANSLATE_NOOP("relatorios", "Certidão de nascimento")
ROTULO_NIS = QT_TRANSLATE_NOOP("relatorios", "NIS (PIS/PASEP)")
ROTULO_INEP = QT_TRANSLATE_NOOP("relatorios", "Código INEP")
ROTULO_NASCIMENTO = QT_TRANSLATE_NOOP("relatorios", "Data de nascimento")
ROTULO_ATIVO = QT_TRANSLATE_NOOP("relatorios", "Ativo")
ROTULO_EMAIL = QT_TRANSLATE_NOOP("relatorios", "E-mail")
ROTULO_TELEFONES = QT_TRANSLATE_NOOP("relatorios", "Telefones")
ROTULO_EMAILS_EXTRAS = QT_TRANSLATE_NOOP("relatorios", "Outros e-mails")
COLUNA_CURSO = QT_TRANSLATE_NOOP("relatorios", "Curso")
COLUNA_DATA_MATRICULA = QT_TRANSLATE_NOOP("relatorios", "Data da matrícula")
COLUNA_OBSERVACOES = QT_TRANSLATE_NOOP("relatorios", "Observações")
SEM_MATRICULAS = QT_TRANSLATE_NOOP("relatorios", "Nenhuma matrícula registrada.")
SECAO_RESPONSAVEIS = QT_TRANSLATE_NOOP("relatorios", "Responsáveis")
COLUNA_PARENTESCO = QT_TRANSLATE_NOOP("relatorios", "Parentesco")
COLUNA_LEGAL = QT_TRANSLATE_NOOP("relatorios", "Legal")
COLUNA_EMAILS = QT_TRANSLATE_NOOP("relatorios", "E-mails")
SEM_RESPONSAVEIS = QT_TRANSLATE_NOOP("relatorios", "Nenhum responsável cadastrado.")
ASSINATURA_SECRETARIA = QT_TRANSLATE_NOOP("relatorios", "Secretaria escolar")

# The school-year reports.
BOLETIM_TITULO = QT_TRANSLATE_NOOP("relatorios", "Boletim escolar")
BOLETINS_TITULO = QT_TRANSLATE_NOOP("relatorios", "Boletins da turma")
HISTORICO_TITULO = QT_TRANSLATE_NOOP("relatorios", "Histórico escolar")
ATESTADO_TITULO = QT_TRANSLATE_NOOP("relatorios", "Atestado de matrícula")
ATA_TITULO = QT_TRANSLATE_NOOP("relatorios", "Ata de resultados finais")
SECAO_IDENTIFICACAO = QT_TRANSLATE_NOOP("relatorios", "Identificação")
SECAO_NOTAS = QT_TRANSLATE_NOOP("relatorios", "Notas e frequência")
SECAO_RESULTADO = QT_TRANSLATE_NOOP("relatorios", "Resultado do ano")
SECAO_ANOS = QT_TRANSLATE_NOOP("relatorios", "Anos letivos cursados")
SECAO_COMPONENTES = QT_TRANSLATE_NOOP("relatorios", "Componentes curriculares")
SECAO_RESULTADOS = QT_TRANSLATE_NOOP("relatorios", "Resultados por aluno")
SECAO_RESUMO = QT_TRANSLATE_NOOP("relatorios", "Resumo")
SECAO_OBSERVACOES = QT_TRANSLATE_NOOP("relatorios", "Observações")
ROTULO_ALUNO = QT_TRANSLATE_NOOP("relatorios", "Aluno(a)")
ROTULO_TURMA = QT_TRANSLATE_NOOP("relatorios", "Turma")
ROTULO_SERIE = QT_TRANSLATE_NOOP("relatorios", "Série/ano")
ROTULO_TURNO = QT_TRANSLATE_NOOP("relatorios", "Turno")
ROTULO_ANO_LETIVO = QT_TRANSLATE_NOOP("relatorios", "Ano letivo")
ROTULO_SAIDA = QT_TRANSLATE_NOOP("relatorios", "Saída da turma")
ROTULO_FREQUENCIA_ANO = QT_TRANSLATE_NOOP("relatorios", "Frequência no ano")
ROTULO_SITUACAO_FINAL = QT_TRANSLATE_NOOP("relatorios", "Situação final")
ROTULO_FREQUENCIA_ATE_AGORA = QT_TRANSLATE_NOOP("relatorios", "Frequência até agora")
ROTULO_SITUACAO_ATE_AGORA = QT_TRANSLATE_NOOP("relatorios", "Situação até agora")
ROTULO_MOTIVO = QT_TRANSLATE_NOOP("relatorios", "Motivo")
ROTULO_SITUACAO_CALCULADA = QT_TRANSLATE_NOOP("relatorios", "Pelas notas e faltas")
ROTULO_INEP_ESCOLA = QT_TRANSLATE_NOOP("relatorios", "INEP")
COLUNA_DISCIPLINA = QT_TRANSLATE_NOOP("relatorios", "Disciplina")
COLUNA_REC_FINAL = QT_TRANSLATE_NOOP("relatorios", "Rec. final")
COLUNA_MEDIA = QT_TRANSLATE_NOOP("relatorios", "Média")
COLUNA_FALTAS = QT_TRANSLATE_NOOP("relatorios", "Faltas")
COLUNA_FREQUENCIA = QT_TRANSLATE_NOOP("relatorios", "Freq.")
COLUNA_SITUACAO = QT_TRANSLATE_NOOP("relatorios", "Situação")
COLUNA_ANO = QT_TRANSLATE_NOOP("relatorios", "Ano")
COLUNA_CARGA_HORARIA = QT_TRANSLATE_NOOP("relatorios", "Carga horária")
COLUNA_MEDIA_FINAL = QT_TRANSLATE_NOOP("relatorios", "Média final")
COLUNA_NUMERO = QT_TRANSLATE_NOOP("relatorios", "Nº")
COLUNA_ALUNO = QT_TRANSLATE_NOOP("relatorios", "Aluno(a)")
COLUNA_SITUACAO_FINAL = QT_TRANSLATE_NOOP("relatorios", "Situação final")
COLUNA_ALUNOS = QT_TRANSLATE_NOOP("relatorios", "Alunos")
SEM_DISCIPLINAS = QT_TRANSLATE_NOOP("relatorios", "Nenhuma disciplina cadastrada nesta turma.")
COLUNA_ESCOLA = QT_TRANSLATE_NOOP("relatorios", "Escola e município")
COLUNA_MEDIA_OU_CONCEITO = QT_TRANSLATE_NOOP("relatorios", "Média/conceito")
SEM_DISCIPLINAS_HISTORICO = QT_TRANSLATE_NOOP("relatorios", "Nenhuma disciplina registrada.")
NOTA_OUTRAS_ESCOLAS = QT_TRANSLATE_NOOP(
    "relatorios",
    "Anos cursados em outras escolas conforme documentos apresentados: a média ou o conceito, a carga "
    "horária, a frequência e a situação são os que esses documentos registram.",
)
OBSERVACAO_OUTRA_ESCOLA = QT_TRANSLATE_NOOP("relatorios", "{ano}, {serie} ({escola}): {observacoes}")
SEM_ANOS = QT_TRANSLATE_NOOP("relatorios", "Nenhum ano letivo registrado.")
ASSINATURA_SECRETARIO = QT_TRANSLATE_NOOP("relatorios", "Secretário(a) escolar")
ASSINATURA_DIRETOR = QT_TRANSLATE_NOOP("relatorios", "Diretor(a)")
CRITERIOS = QT_TRANSLATE_NOOP(
    "relatorios",
    "Aprovação com média final de pelo menos {media} em cada disciplina e frequência de pelo menos "
    "{frequencia} do total de aulas.",
)
LEGENDA_REC_PERIODO = QT_TRANSLATE_NOOP(
    "relatorios", "Entre parênteses, a recuperação do período: substitui a menor nota, se for maior."
)
LEGENDA_REC_FINAL = QT_TRANSLATE_NOOP("relatorios", "Rec. final: a recuperação final substitui a média, se for maior.")
LEGENDA_DISCIPLINAS = QT_TRANSLATE_NOOP("relatorios", "Disciplinas: {lista}.")
LEGENDA_PROVISORIA = QT_TRANSLATE_NOOP(
    "relatorios",
    "Resultado provisório: o ano letivo ainda não foi encerrado. A frequência conta as aulas dadas até agora; a "
    "situação final sai quando o ano for encerrado, ou quando todas as notas, as faltas de todos os períodos e a "
    "recuperação necessária estiverem lançadas.",
)
SITUACAO_ALTERADA = QT_TRANSLATE_NOOP("relatorios", "{aluno}: {situacao}. Motivo: {motivo}")
SITUACAO_ALTERADA_NO_ANO = QT_TRANSLATE_NOOP("relatorios", "{ano}, {turma}: {situacao}. Motivo: {motivo}")
ATESTADO_TEXTO = QT_TRANSLATE_NOOP(
    "relatorios",
    "Atestamos, para os devidos fins, que {nome}, RA {ra}, {nascido} em {nascimento}, está regularmente "
    "{matriculado} {no} {serie}, turma {turma}, turno {turno}, no ano letivo de {ano}, nesta unidade escolar.",
)
ATESTADO_TEXTO_SEM_NASCIMENTO = QT_TRANSLATE_NOOP(
    "relatorios",
    "Atestamos, para os devidos fins, que {nome}, RA {ra}, está regularmente {matriculado} {no} {serie}, "
    "turma {turma}, turno {turno}, no ano letivo de {ano}, nesta unidade escolar.",
)
ATESTADO_FECHO = QT_TRANSLATE_NOOP("relatorios", "Por ser verdade, firmamos o presente atestado.")
ATA_ABERTURA = QT_TRANSLATE_NOOP(
    "relatorios",
    "Resultados finais da turma {turma} ({serie}, turno {turno}) no ano letivo de {ano}: a média final "
    "de cada disciplina, a frequência no ano e a situação final de cada aluno.",
)
TOTAL = QT_TRANSLATE_NOOP("relatorios", "Total")
# Why there is nothing to print (NadaParaImprimirError).
SEM_TURMA = QT_TRANSLATE_NOOP("relatorios", "{nome} não está em nenhuma turma; não há boletim para imprimir.")
SEM_TURMA_NO_ANO = QT_TRANSLATE_NOOP(
    "relatorios", "{nome} não esteve em nenhuma turma em {ano}; não há boletim desse ano para imprimir."
)
SEM_MATRICULA_ATUAL = QT_TRANSLATE_NOOP(
    "relatorios",
    "{nome} não está em nenhuma turma de um ano letivo em andamento; não há atestado de matrícula para emitir.",
)
SEM_HISTORICO = QT_TRANSLATE_NOOP(
    "relatorios", "{nome} ainda não tem anos letivos registrados; não há histórico escolar para imprimir."
)
TURMA_SEM_ALUNOS = QT_TRANSLATE_NOOP("relatorios", "A turma {turma} não tem alunos; não há boletins para imprimir.")
ATA_SEM_ALUNOS = QT_TRANSLATE_NOOP("relatorios", "A turma {turma} nunca teve alunos; não há ata para imprimir.")
ATA_PROVISORIA_1 = QT_TRANSLATE_NOOP(
    "relatorios",
    "Os resultados da turma {turma} em {ano} ainda não são finais: 1 aluno tem situação provisória ({nomes}). "
    "A ata de resultados finais pode ser impressa quando o ano letivo for encerrado em Configurações, ou quando "
    "todas as notas, as faltas de todos os períodos e as recuperações estiverem lançadas. Para conferir antes, "
    "imprima os boletins da turma.",
)
ATA_PROVISORIA = QT_TRANSLATE_NOOP(
    "relatorios",
    "Os resultados da turma {turma} em {ano} ainda não são finais: {n} alunos têm situação provisória ({nomes}). "
    "A ata de resultados finais pode ser impressa quando o ano letivo for encerrado em Configurações, ou quando "
    "todas as notas, as faltas de todos os períodos e as recuperações estiverem lançadas. Para conferir antes, "
    "imprima os boletins da turma.",
)

SEM_VALOR = "—"  # a média not yet computed, a frequência without aulas dadas
ESTA_ESCOLA = "Esta escola"  # the histórico's own years while the school is not registered
MESES = (
    "janeiro",
    "fevereiro",
    "março",
    "abril",
    "maio",
    "junho",
    "julho",
    "agosto",
    "setembro",
    "outubro",
    "novembro",
    "dezembro",
)
PERIODO_ABREVIADO = {"bimestre": "bim.", "trimestre": "trim.", "semestre": "sem."}
# Words that agree with the aluno's sexo in running text (values, like SIM and NAO).
FLEXOES = {
    "F": {"nascido": "nascida", "matriculado": "matriculada"},
    "M": {"nascido": "nascido", "matriculado": "matriculado"},
}
FLEXOES_NEUTRAS = {"nascido": "nascido(a)", "matriculado": "matriculado(a)"}

# The census categories as the ficha prints them (values, like SIM and NAO).
SEXO_TEXTO = {"F": "Feminino", "M": "Masculino"}
COR_RACA_TEXTO = {
    "nao_declarada": "Não declarada",
    "branca": "Branca",
    "preta": "Preta",
    "parda": "Parda",
    "amarela": "Amarela",
    "indigena": "Indígena",
}
# models.PARENTESCOS as the ficha prints them; the codes do not say the gender.
PARENTESCO_TEXTO = {
    "mae": "Mãe",
    "pai": "Pai",
    "avo": "Avó/Avô",
    "tio": "Tio/Tia",
    "irmao": "Irmão/Irmã",
    "outro": "Outro",
}
