"""The tables the demonstration school draws from: disciplinas, bimestres, municípios, names,
streets, cursos and the reasons a student leaves. Plain data, used only by :mod:`demo`."""

# (nome, abreviatura, carga horária in the year, how much easier than average)
DISCIPLINAS = (
    ("Língua Portuguesa", "LP", 160, -0.2),
    ("Matemática", "MAT", 160, -0.6),
    ("Ciências", "CIE", 120, 0.0),
    ("História", "HIS", 80, 0.1),
    ("Geografia", "GEO", 80, 0.1),
    ("Arte", "ART", 80, 0.7),
    ("Educação Física", "EF", 80, 0.9),
    ("Língua Inglesa", "ING", 80, 0.0),
)
# Bimestres: (start, end) as (month, day), moved off weekends.
BIMESTRES = (((2, 3), (4, 17)), ((4, 22), (7, 3)), ((7, 27), (10, 2)), ((10, 5), (12, 18)))

# (município, UF, DDD, first digits of its CEPs, IBGE code of the UF: the first digits of an INEP)
MUNICIPIOS = (
    ("Taubaté", "SP", "12", "120", "35"),
    ("São José dos Campos", "SP", "12", "122", "35"),
    ("Juiz de Fora", "MG", "32", "360", "31"),
    ("Feira de Santana", "BA", "75", "440", "29"),
    ("Caruaru", "PE", "81", "550", "26"),
    ("Maringá", "PR", "44", "870", "41"),
    ("Chapecó", "SC", "49", "898", "42"),
    ("Anápolis", "GO", "62", "750", "52"),
    ("Mossoró", "RN", "84", "596", "24"),
    ("Santarém", "PA", "93", "680", "15"),
)
PATRONOS = (
    "Professora Conceição Aparecida Gonçalves",
    "Monteiro Lobato",
    "Cecília Meireles",
    "Professor Antônio Simões",
    "Padre Inácio de Assunção",
    "Dona Benedita Brandão",
    "Anísio Teixeira",
    "Professora Lúcia Magalhães",
)
NOMES_F = (
    "Ana", "Maria", "Júlia", "Beatriz", "Letícia", "Lívia", "Luíza", "Heloísa", "Cecília", "Vitória",
    "Gabriela", "Sofia", "Alice", "Laura", "Manuela", "Valentina", "Isabela", "Lara", "Yasmin", "Ágatha",
    "Ester", "Rafaela", "Larissa", "Bárbara", "Natália", "Mônica", "Lúcia", "Conceição", "Lorena", "Débora",
    "Emanuelly", "Clarice", "Antônia", "Tâmara", "Fabíola", "Íris", "Jéssica", "Márcia", "Sônia", "Patrícia",
)  # fmt: skip
NOMES_M = (
    "João", "José", "Antônio", "Luís", "Lucas", "Gabriel", "Pedro", "Matheus", "Vinícius", "Otávio",
    "Caíque", "Davi", "Heitor", "Bernardo", "Arthur", "Miguel", "Enzo", "Théo", "Benício", "Samuel",
    "Nícolas", "Guilherme", "Rafael", "Gustavo", "Felipe", "Tomás", "Joaquim", "Inácio", "Sebastião", "Luan",
    "Érico", "Ícaro", "Cauã", "Márcio", "Flávio", "Sérgio", "Rogério", "Fábio", "André", "Marcelo",
)  # fmt: skip
COMPOSTOS_F = ("Maria Eduarda", "Ana Clara", "Maria Luíza", "Ana Júlia", "Maria Clara", "Ana Lívia", "Maria Cecília")
COMPOSTOS_M = ("João Pedro", "João Vítor", "Pedro Henrique", "Luiz Otávio", "José Antônio", "João Lucas", "Davi Luiz")
NOMES_AVOS = ("Maria José", "Terezinha", "Aparecida", "Benedita", "Sebastiana", "Raimunda", "Antônia", "Conceição")
SOBRENOMES = (
    "Silva", "Santos", "Oliveira", "Souza", "Rodrigues", "Ferreira", "Alves", "Pereira", "Lima", "Gomes",
    "Ribeiro", "Carvalho", "Araújo", "Gonçalves", "Conceição", "Magalhães", "Simões", "Gusmão", "Brandão",
    "Falcão", "Romão", "Assunção", "Nascimento", "Barbosa", "Rocha", "Dias", "Monteiro", "Cardoso", "Teixeira",
    "Correia", "Mendes", "Nunes", "Moreira", "Cavalcanti", "Albuquerque", "Loureiro", "Estêvão", "Patrício",
    "D'Ávila", "Sampaio", "Guimarães", "Leão", "Galvão", "Macêdo", "Sá",
)  # fmt: skip
PARTICULAS = {"Silva": "da", "Santos": "dos", "Conceição": "da", "Assunção": "da", "Souza": "de"}
LOGRADOUROS = (
    "Rua das Acácias", "Avenida Brasil", "Rua São João", "Travessa Conceição", "Rua Padre Anchieta",
    "Rua Tiradentes", "Avenida Getúlio Vargas", "Rua Castro Alves", "Rua Sete de Setembro", "Rua dos Ipês",
    "Rua Monsenhor Simões", "Alameda das Magnólias", "Rua Doutor Gonçalves Lima", "Rua Marechal Deodoro",
)  # fmt: skip
BAIRROS = (
    "Centro", "Jardim das Nações", "Vila São José", "Parque Independência", "Jardim América", "Vila Conceição",
    "Jardim Paraíso", "Bela Vista", "São Judas Tadeu", "Parque São Luís", "Vila Esperança", "Jardim Primavera",
)  # fmt: skip
CORES_RACAS = (("parda", 45), ("branca", 40), ("preta", 10), ("nao_declarada", 3), ("amarela", 1), ("indigena", 1))
CORES = tuple(c for c, _peso in CORES_RACAS)
PESOS_CORES = tuple(peso for _c, peso in CORES_RACAS)
CURSOS = (
    ("Oficina de Xadrez", "Às terças, no contraturno.", 40),
    ("Coral Infantojuvenil", "Ensaios às quintas na biblioteca.", 60),
    ("Robótica Educacional", "Laboratório de informática, sala 14.", 80),
    ("Reforço de Matemática", "Para alunos indicados pelo conselho de classe.", 40),
)
# The schools the demo's transferidos go to (made up).
ESCOLAS_DESTINO = (
    "E.E. Professora Cecília Meireles",
    "E.M. Monteiro Lobato",
    "Colégio Estadual Castro Alves",
    "E.M.E.F. Anísio Teixeira",
)
MOTIVOS_TRANSFERENCIA = (
    "Transferência a pedido da família: mudança para {cidade}.",
    "Transferido para a rede estadual (mudança de endereço).",
    "Transferência solicitada pelos responsáveis para escola mais próxima de casa.",
)
MOTIVOS_ABANDONO = (
    "Deixou de frequentar as aulas; a família não foi localizada.",
    "Abandono comunicado ao Conselho Tutelar após busca ativa sem retorno.",
)
