<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en" sourcelanguage="pt_BR">
<context>
    <name>AlteracoesModel</name>
    <message>
        <source>Inclusão</source>
        <translation>Addition</translation>
    </message>
    <message>
        <source>Alteração</source>
        <translation>Change</translation>
    </message>
    <message>
        <source>Exclusão</source>
        <translation>Deletion</translation>
    </message>
    <message>
        <source>Restauração</source>
        <translation>Restoration</translation>
    </message>
    <message>
        <source>Data e hora</source>
        <translation>Date and time</translation>
    </message>
    <message>
        <source>Usuário</source>
        <translation>User</translation>
    </message>
    <message>
        <source>Ação</source>
        <translation>Action</translation>
    </message>
    <message>
        <source>O quê</source>
        <translation>What</translation>
    </message>
    <message>
        <source>Antes</source>
        <translation>Before</translation>
    </message>
    <message>
        <source>Depois</source>
        <translation>After</translation>
    </message>
</context>
<context>
    <name>AlteracoesPanel</name>
    <message>
        <source>Ainda não há alterações: o histórico começa quando o aluno for salvo.</source>
        <translation>No changes yet: the history starts when the student is saved.</translation>
    </message>
    <message>
        <source>Nenhuma alteração registrada para este aluno.</source>
        <translation>No changes recorded for this student.</translation>
    </message>
</context>
<context>
    <name>AlunoDialog</name>
    <message>
        <source>Novo aluno</source>
        <translation>New student</translation>
    </message>
    <message>
        <source>Editar aluno</source>
        <translation>Edit student</translation>
    </message>
    <message>
        <source>Só quando o aluno o pedir</source>
        <translation>Only when the student asks for it</translation>
    </message>
    <message>
        <source>Não informada</source>
        <translation>Not given</translation>
    </message>
    <message>
        <source>Não informado</source>
        <translation>Not given</translation>
    </message>
    <message>
        <source>Feminino</source>
        <translation>Female</translation>
    </message>
    <message>
        <source>Masculino</source>
        <translation>Male</translation>
    </message>
    <message>
        <source>Não declarada</source>
        <translation>Not declared</translation>
    </message>
    <message>
        <source>Branca</source>
        <translation>White</translation>
    </message>
    <message>
        <source>Preta</source>
        <translation>Black</translation>
    </message>
    <message>
        <source>Parda</source>
        <translation>Mixed race</translation>
    </message>
    <message>
        <source>Amarela</source>
        <translation>Asian</translation>
    </message>
    <message>
        <source>Indígena</source>
        <translation>Indigenous</translation>
    </message>
    <message>
        <source>Ativo</source>
        <translation>Active</translation>
    </message>
    <message>
        <source>00000-000</source>
        <translation>00000-000</translation>
    </message>
    <message>
        <source>rua, avenida…</source>
        <translation>street, avenue…</translation>
    </message>
    <message>
        <source>ou s/n</source>
        <translation>or n/a</translation>
    </message>
    <message>
        <source>apto., bloco…</source>
        <translation>apt., block…</translation>
    </message>
    <message>
        <source>UF</source>
        <translation>State</translation>
    </message>
    <message>
        <source>Escolher &amp;foto…</source>
        <translation>Choose &amp;photo…</translation>
    </message>
    <message>
        <source>Uma imagem PNG ou JPEG; fotos grandes são reduzidas ao salvar.</source>
        <translation>A PNG or JPEG image; large photos are reduced when saved.</translation>
    </message>
    <message>
        <source>Remover foto</source>
        <translation>Remove photo</translation>
    </message>
    <message>
        <source>gerado ao salvar</source>
        <translation>generated when saved</translation>
    </message>
    <message>
        <source>000.000.000-00</source>
        <translation>000.000.000-00</translation>
    </message>
    <message>
        <source>número e órgão emissor</source>
        <translation>number and issuing body</translation>
    </message>
    <message>
        <source>matrícula de 32 dígitos</source>
        <translation>32-digit registration number</translation>
    </message>
    <message>
        <source>000.00000.00-0</source>
        <translation>000.00000.00-0</translation>
    </message>
    <message>
        <source>12 dígitos</source>
        <translation>12 digits</translation>
    </message>
    <message>
        <source>nome@exemplo.com.br</source>
        <translation>name@example.com</translation>
    </message>
    <message>
        <source>Um por linha, ex.: mae.do.aluno@exemplo.com.br</source>
        <translation>One per line, e.g. mae.do.aluno@exemplo.com.br</translation>
    </message>
    <message>
        <source>Um por linha, ex.: (11) 98765-4321</source>
        <translation>One per line, e.g. (11) 98765-4321</translation>
    </message>
    <message>
        <source>Dados &amp;pessoais</source>
        <translation>&amp;Personal data</translation>
    </message>
    <message>
        <source>&amp;Nome:</source>
        <translation>&amp;Name:</translation>
    </message>
    <message>
        <source>Nome socia&amp;l:</source>
        <translation>Socia&amp;l name:</translation>
    </message>
    <message>
        <source>&amp;Data de nascimento:</source>
        <translation>&amp;Date of birth:</translation>
    </message>
    <message>
        <source>Se&amp;xo:</source>
        <translation>Se&amp;x:</translation>
    </message>
    <message>
        <source>Co&amp;r/raça:</source>
        <translation>Colo&amp;r/race:</translation>
    </message>
    <message>
        <source>Endereço</source>
        <translation>Address</translation>
    </message>
    <message>
        <source>C&amp;EP:</source>
        <translation>&amp;ZIP code:</translation>
    </message>
    <message>
        <source>Lo&amp;gradouro:</source>
        <translation>S&amp;treet:</translation>
    </message>
    <message>
        <source>Nú&amp;mero:</source>
        <translation>Nu&amp;mber:</translation>
    </message>
    <message>
        <source>Complemen&amp;to:</source>
        <translation>Apar&amp;tment/suite:</translation>
    </message>
    <message>
        <source>&amp;Bairro:</source>
        <translation>&amp;Neighborhood:</translation>
    </message>
    <message>
        <source>Mun&amp;icípio:</source>
        <translation>C&amp;ity:</translation>
    </message>
    <message>
        <source>&amp;UF:</source>
        <translation>S&amp;tate:</translation>
    </message>
    <message>
        <source>D&amp;ocumentos</source>
        <translation>D&amp;ocuments</translation>
    </message>
    <message>
        <source>R&amp;A:</source>
        <translation>R&amp;A:</translation>
    </message>
    <message>
        <source>CP&amp;F:</source>
        <translation>CP&amp;F:</translation>
    </message>
    <message>
        <source>R&amp;G:</source>
        <translation>R&amp;G:</translation>
    </message>
    <message>
        <source>C&amp;ertidão de nascimento:</source>
        <translation>Birth c&amp;ertificate:</translation>
    </message>
    <message>
        <source>NI&amp;S (PIS/PASEP):</source>
        <translation>NI&amp;S (PIS/PASEP):</translation>
    </message>
    <message>
        <source>Código &amp;INEP:</source>
        <translation>&amp;INEP code:</translation>
    </message>
    <message>
        <source>&amp;Contatos</source>
        <translation>&amp;Contacts</translation>
    </message>
    <message>
        <source>&amp;E-mail:</source>
        <translation>&amp;E-mail:</translation>
    </message>
    <message>
        <source>O&amp;utros e-mails:</source>
        <translation>O&amp;ther e-mails:</translation>
    </message>
    <message>
        <source>&amp;Telefones:</source>
        <translation>&amp;Phones:</translation>
    </message>
    <message>
        <source>M&amp;atrículas</source>
        <translation>E&amp;nrollments</translation>
    </message>
    <message>
        <source>&amp;Histórico</source>
        <translation>&amp;History</translation>
    </message>
    <message>
        <source>Alterações</source>
        <translation>Changes</translation>
    </message>
    <message>
        <source>Nome</source>
        <translation>Name</translation>
    </message>
    <message>
        <source>Nome social</source>
        <translation>Social name</translation>
    </message>
    <message>
        <source>Data de nascimento</source>
        <translation>Date of birth</translation>
    </message>
    <message>
        <source>Data de nascimento não informada</source>
        <translation>Date of birth not given</translation>
    </message>
    <message>
        <source>Sexo</source>
        <translation>Sex</translation>
    </message>
    <message>
        <source>Cor/raça</source>
        <translation>Color/race</translation>
    </message>
    <message>
        <source>CEP</source>
        <translation>ZIP code</translation>
    </message>
    <message>
        <source>Logradouro</source>
        <translation>Street</translation>
    </message>
    <message>
        <source>Número</source>
        <translation>Number</translation>
    </message>
    <message>
        <source>Complemento</source>
        <translation>Apartment/suite</translation>
    </message>
    <message>
        <source>Bairro</source>
        <translation>Neighborhood</translation>
    </message>
    <message>
        <source>Município</source>
        <translation>City</translation>
    </message>
    <message>
        <source>RA</source>
        <translation>RA</translation>
    </message>
    <message>
        <source>CPF</source>
        <translation>CPF</translation>
    </message>
    <message>
        <source>RG</source>
        <translation>RG</translation>
    </message>
    <message>
        <source>Certidão de nascimento</source>
        <translation>Birth certificate</translation>
    </message>
    <message>
        <source>NIS</source>
        <translation>NIS</translation>
    </message>
    <message>
        <source>Código INEP</source>
        <translation>INEP code</translation>
    </message>
    <message>
        <source>E-mail</source>
        <translation>E-mail</translation>
    </message>
    <message>
        <source>Outros e-mails</source>
        <translation>Other e-mails</translation>
    </message>
    <message>
        <source>Telefones</source>
        <translation>Phones</translation>
    </message>
    <message>
        <source>Foto</source>
        <translation>Photo</translation>
    </message>
    <message>
        <source>Responsá&amp;veis</source>
        <translation>&amp;Guardians</translation>
    </message>
    <message>
        <source>Não foi possível ler esta imagem. Escolha um arquivo PNG ou JPEG que abra normalmente.</source>
        <translation>This image could not be read. Choose a PNG or JPEG file that opens normally.</translation>
    </message>
    <message>
        <source>Sem foto</source>
        <translation>No photo</translation>
    </message>
    <message>
        <source>Foto ilegível</source>
        <translation>Unreadable photo</translation>
    </message>
</context>
<context>
    <name>AlunoTableModel</name>
    <message>
        <source>Sim</source>
        <translation>Yes</translation>
    </message>
    <message>
        <source>Não</source>
        <translation>No</translation>
    </message>
    <message>
        <source>Nome</source>
        <translation>Name</translation>
    </message>
    <message>
        <source>RA</source>
        <translation>RA</translation>
    </message>
    <message>
        <source>E-mail</source>
        <translation>E-mail</translation>
    </message>
    <message>
        <source>CPF</source>
        <translation>CPF</translation>
    </message>
    <message>
        <source>Telefones</source>
        <translation>Phones</translation>
    </message>
    <message>
        <source>Nascimento</source>
        <translation>Birth</translation>
    </message>
    <message>
        <source>Ativo</source>
        <translation>Active</translation>
    </message>
    <message>
        <source>Carregando…</source>
        <translation>Loading…</translation>
    </message>
</context>
<context>
    <name>AlunosPlanoModel</name>
    <message>
        <source>Aluno</source>
        <translation>Student</translation>
    </message>
    <message>
        <source>RA</source>
        <translation>RA</translation>
    </message>
    <message>
        <source>Turma de origem</source>
        <translation>Class of origin</translation>
    </message>
    <message>
        <source>Resultado</source>
        <translation>Result</translation>
    </message>
    <message>
        <source>Destino</source>
        <translation>Destination</translation>
    </message>
    <message>
        <source>Motivo</source>
        <translation>Reason</translation>
    </message>
    <message>
        <source>Já está em {turma}</source>
        <translation>Already in {turma}</translation>
    </message>
</context>
<context>
    <name>AlunosPlurais</name>
    <message numerus="yes">
        <source>%n matrícula(s) em turma</source>
        <extracomment>Rows whose texts size the list&apos;s columns (a screen shows about 20).</extracomment>
        <translation>
            <numerusform>%n class enrollment</numerusform>
            <numerusform>%n class enrollments</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n nota(s)</source>
        <translation>
            <numerusform>%n grade</numerusform>
            <numerusform>%n grades</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n registro(s) de frequência</source>
        <translation>
            <numerusform>%n attendance record</numerusform>
            <numerusform>%n attendance records</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Também serão excluídos %n ano(s) cursado(s) em outras escolas, do histórico.</source>
        <translation>
            <numerusform>%n year taken at other schools will be deleted from the history too.</numerusform>
            <numerusform>%n years taken at other schools will be deleted from the history too.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n aluno(s) exportado(s) para {path}.</source>
        <translation>
            <numerusform>%n student exported to {path}.</numerusform>
            <numerusform>%n students exported to {path}.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>AnoLetivoDialog</name>
    <message>
        <source>Novo ano letivo</source>
        <translation>New school year</translation>
    </message>
    <message>
        <source>Editar ano letivo</source>
        <translation>Edit school year</translation>
    </message>
    <message>
        <source>A LDB exige no mínimo 75 % de frequência.</source>
        <translation>The LDB requires at least 75 % attendance.</translation>
    </message>
    <message>
        <source>Sem recuperação</source>
        <translation>No make-up</translation>
    </message>
    <message>
        <source>Ano letivo &amp;encerrado</source>
        <translation>School year &amp;closed</translation>
    </message>
    <message>
        <source>Para encerrar ou reabrir o ano, use Encerrar ano… ou Reabrir ano… na lista de anos letivos.</source>
        <translation>To close or reopen the year, use Close year… or Reopen year… in the list of school years.</translation>
    </message>
    <message>
        <source> minutos</source>
        <translation> minutes</translation>
    </message>
    <message>
        <source>não informada</source>
        <translation>not given</translation>
    </message>
    <message>
        <source>Quanto dura um dia de aula; 4 horas são 240 minutos.</source>
        <translation>How long a school day lasts; 4 hours are 240 minutes.</translation>
    </message>
    <message>
        <source>&amp;Ano:</source>
        <translation>&amp;Year:</translation>
    </message>
    <message>
        <source>&amp;Períodos:</source>
        <translation>&amp;Terms:</translation>
    </message>
    <message>
        <source>&amp;Fórmula da média:</source>
        <translation>&amp;Average formula:</translation>
    </message>
    <message>
        <source>P&amp;esos:</source>
        <translation>W&amp;eights:</translation>
    </message>
    <message>
        <source>&amp;Média para aprovação:</source>
        <translation>&amp;Passing average:</translation>
    </message>
    <message>
        <source>Frequência mí&amp;nima:</source>
        <translation>Mi&amp;nimum attendance:</translation>
    </message>
    <message>
        <source>&amp;Recuperação:</source>
        <translation>&amp;Make-up:</translation>
    </message>
    <message>
        <source>&amp;Início do ano letivo:</source>
        <translation>School year &amp;start:</translation>
    </message>
    <message>
        <source>Fim do ano &amp;letivo:</source>
        <translation>School year e&amp;nd:</translation>
    </message>
    <message>
        <source>Duração do &amp;dia letivo:</source>
        <translation>Length of the school &amp;day:</translation>
    </message>
    <message>
        <source>Dias não le&amp;tivos:</source>
        <translation>Non-school da&amp;ys:</translation>
    </message>
    <message>
        <source>As regras abaixo foram copiadas de {ano}; ajuste o que mudou.</source>
        <translation>The rules below were copied from {ano}; adjust what has changed.</translation>
    </message>
    <message>
        <source>Corrija as datas do ano letivo para contar os dias letivos.</source>
        <translation>Correct the school year&apos;s dates to count the school days.</translation>
    </message>
    <message>
        <source>Informe o início e o fim do ano letivo para contar os dias letivos.</source>
        <translation>Enter the start and the end of the school year to count the school days.</translation>
    </message>
    <message>
        <source>Dias letivos: {dias} de {minimo}</source>
        <translation>School days: {dias} of {minimo}</translation>
    </message>
    <message>
        <source>Horas: informe a duração do dia letivo</source>
        <translation>Hours: enter the length of the school day</translation>
    </message>
    <message>
        <source>Horas: {horas} de {minimo}</source>
        <translation>Hours: {horas} of {minimo}</translation>
    </message>
    <message>
        <source>Contados de {inicio} a {fim}, pelas datas dos períodos.</source>
        <translation>Counted from {inicio} to {fim}, by the terms&apos; dates.</translation>
    </message>
    <message>
        <source>Há um dia não letivo digitado e não adicionado: clique em Adicionar, ou apague-o.</source>
        <translation>A non-school day was typed but not added: click Add, or erase it.</translation>
    </message>
</context>
<context>
    <name>AnoLetivoTableModel</name>
    <message>
        <source>média {media}</source>
        <translation>average {media}</translation>
    </message>
    <message>
        <source>ponderada ({pesos})</source>
        <translation>weighted ({pesos})</translation>
    </message>
    <message>
        <source>frequência {n} %</source>
        <translation>attendance {n} %</translation>
    </message>
    <message>
        <source>sem recuperação</source>
        <translation>no make-up</translation>
    </message>
    <message>
        <source>recuperação substitui a menor nota</source>
        <translation>make-up replaces the lowest grade</translation>
    </message>
    <message>
        <source>recuperação final</source>
        <translation>final make-up</translation>
    </message>
    <message>
        <source>Ano</source>
        <translation>Year</translation>
    </message>
    <message>
        <source>Períodos</source>
        <translation>Terms</translation>
    </message>
    <message>
        <source>Turmas</source>
        <translation>Classes</translation>
    </message>
    <message>
        <source>Situação</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>Regra de avaliação</source>
        <translation>Assessment rule</translation>
    </message>
    <message>
        <source>Encerrado</source>
        <translation>Closed</translation>
    </message>
    <message>
        <source>Em andamento</source>
        <translation>In progress</translation>
    </message>
</context>
<context>
    <name>AnosLetivosPanel</name>
    <message>
        <source>Cada ano letivo tem a sua regra de avaliação: bimestres ou trimestres, a média para aprovação, a frequência mínima e a recuperação.</source>
        <translation>Each school year has its own assessment rule: quarters or trimesters, the passing average, the minimum attendance and the make-up.</translation>
    </message>
    <message>
        <source>&amp;Novo ano letivo…</source>
        <translation>&amp;New school year…</translation>
    </message>
    <message>
        <source>&amp;Editar…</source>
        <translation>&amp;Edit…</translation>
    </message>
    <message>
        <source>E&amp;xcluir…</source>
        <translation>De&amp;lete…</translation>
    </message>
    <message>
        <source>E&amp;ncerrar ano…</source>
        <translation>Clo&amp;se year…</translation>
    </message>
    <message>
        <source>&amp;Reabrir ano…</source>
        <translation>&amp;Reopen year…</translation>
    </message>
    <message>
        <source>Re&amp;matrícula…</source>
        <translation>Re-&amp;enrolment…</translation>
    </message>
    <message>
        <source>Matricula os alunos do ano encerrado selecionado no ano seguinte, com uma prévia</source>
        <translation>Enrols the students of the selected closed year in the next year, with a preview</translation>
    </message>
    <message>
        <source>&amp;Desfazer rematrícula…</source>
        <translation>&amp;Undo re-enrolment…</translation>
    </message>
    <message>
        <source>Encerrar ano letivo</source>
        <translation>Close school year</translation>
    </message>
    <message>
        <source>Encerrar o ano letivo {ano}? Todos os resultados estão lançados. Notas, frequência e turmas de {ano} ficam como estão, e os boletins mostram os resultados finais. Para alterar depois, reabra o ano informando o motivo.</source>
        <translation>Close the {ano} school year? Every result is in. Grades, attendance and classes of {ano} stay as they are, and report cards show the final results. To change them later, reopen the year giving the reason.</translation>
    </message>
    <message>
        <source>Rematrícula</source>
        <translation>Re-enrolment</translation>
    </message>
    <message>
        <source>Desfazer rematrícula</source>
        <translation>Undo re-enrolment</translation>
    </message>
    <message>
        <source>Não há rematrícula de {ano} ou para {ano} a desfazer.</source>
        <translation>There is no re-enrolment from {ano} or into {ano} to undo.</translation>
    </message>
    <message>
        <source>A rematrícula de {de} para {para} foi desfeita.</source>
        <translation>The re-enrolment from {de} into {para} was undone.</translation>
    </message>
    <message>
        <source>Reabrir ano letivo</source>
        <translation>Reopen school year</translation>
    </message>
    <message>
        <source>Nenhum ano letivo cadastrado. Clique em Novo ano letivo… para cadastrar o primeiro.</source>
        <translation>No school year registered. Click New school year… to register the first one.</translation>
    </message>
    <message>
        <source>Excluir ano letivo</source>
        <translation>Delete school year</translation>
    </message>
    <message>
        <source>({n} turma)</source>
        <translation>({n} class)</translation>
    </message>
    <message>
        <source>({n} turmas)</source>
        <translation>({n} classes)</translation>
    </message>
    <message>
        <source>Excluir o ano letivo {ano}? Vão junto os {periodos} e a regra de avaliação dele.</source>
        <translation>Delete the school year {ano}? Its {periodos} and its assessment rule go with it.</translation>
    </message>
</context>
<context>
    <name>CandidatosModel</name>
    <message>
        <source>Aluno</source>
        <translation>Student</translation>
    </message>
    <message>
        <source>RA</source>
        <translation>RA</translation>
    </message>
</context>
<context>
    <name>ChooseBackupDialog</name>
    <message>
        <source>Fechar</source>
        <translation>Close</translation>
    </message>
    <message>
        <source>Registro técnico: {path}</source>
        <translation>Technical log: {path}</translation>
    </message>
</context>
<context>
    <name>ConfiguracoesPage</name>
    <message>
        <source>Escola</source>
        <translation>School</translation>
    </message>
    <message>
        <source>Anos letivos</source>
        <translation>School years</translation>
    </message>
    <message>
        <source>Disciplinas</source>
        <translation>Subjects</translation>
    </message>
    <message>
        <source>Etapas</source>
        <translation>Stages</translation>
    </message>
    <message>
        <source>Regras de avaliação</source>
        <translation>Evaluation rules</translation>
    </message>
    <message>
        <source>Automático (do sistema)</source>
        <translation>Automatic (system)</translation>
    </message>
    <message>
        <source>&amp;Idioma:</source>
        <translation>&amp;Language:</translation>
    </message>
    <message>
        <source>Vale a partir da próxima vez que o Escola for aberto.</source>
        <translation>Takes effect the next time Escola opens.</translation>
    </message>
</context>
<context>
    <name>CursoDialog</name>
    <message>
        <source>Novo curso</source>
        <translation>New course</translation>
    </message>
    <message>
        <source>Editar curso</source>
        <translation>Edit course</translation>
    </message>
    <message>
        <source>não informada</source>
        <translation>not given</translation>
    </message>
    <message>
        <source> h</source>
        <translation> h</translation>
    </message>
    <message>
        <source>&amp;Nome:</source>
        <translation>&amp;Name:</translation>
    </message>
    <message>
        <source>&amp;Carga horária:</source>
        <translation>&amp;Workload:</translation>
    </message>
    <message>
        <source>&amp;Descrição:</source>
        <translation>&amp;Description:</translation>
    </message>
    <message>
        <source>&amp;Observações:</source>
        <translation>&amp;Notes:</translation>
    </message>
    <message>
        <source>Nome</source>
        <translation>Name</translation>
    </message>
    <message>
        <source>Carga horária</source>
        <translation>Workload</translation>
    </message>
    <message>
        <source>Descrição</source>
        <translation>Description</translation>
    </message>
    <message>
        <source>Observações</source>
        <translation>Notes</translation>
    </message>
</context>
<context>
    <name>CursoTableModel</name>
    <message>
        <source>Nome</source>
        <translation>Name</translation>
    </message>
    <message>
        <source>Carga horária (h)</source>
        <translation>Workload (h)</translation>
    </message>
    <message>
        <source>Matrículas</source>
        <translation>Enrollments</translation>
    </message>
    <message>
        <source>Descrição</source>
        <translation>Description</translation>
    </message>
</context>
<context>
    <name>DamagedFileDialog</name>
    <message>
        <source>Arquivo de dados danificado</source>
        <translation>Damaged data file</translation>
    </message>
    <message>
        <source>O arquivo de dados está danificado e não pode ser aberto.</source>
        <translation>The data file is damaged and cannot be opened.</translation>
    </message>
    <message>
        <source>Isso costuma acontecer quando o computador desliga de repente, o arquivo é copiado pela metade ou o disco apresenta defeito. O Escola não alterou nada no arquivo.</source>
        <translation>This usually happens when the computer shuts down suddenly, the file is copied halfway or the disk is failing. Escola changed nothing in the file.</translation>
    </message>
    <message>
        <source>Arquivo: {path}</source>
        <translation>File: {path}</translation>
    </message>
    <message>
        <source>Detalhe técnico: {reason}</source>
        <translation>Technical detail: {reason}</translation>
    </message>
    <message>
        <source>Esta cópia de segurança foi verificada e está em bom estado:</source>
        <translation>This backup was checked and is in good condition:</translation>
    </message>
    <message>
        <source>Estas cópias de segurança foram verificadas e estão em bom estado (a mais recente primeiro):</source>
        <translation>These backups were checked and are in good condition (newest first):</translation>
    </message>
    <message>
        <source>O arquivo danificado é guardado ao lado, sem alterações, como {aside}. O que foi digitado depois da cópia escolhida não estará no arquivo restaurado. Se a cópia for de uma versão anterior, ela é atualizada para esta versão antes de abrir.</source>
        <translation>The damaged file is kept next to it, unchanged, as {aside}. What was typed after the chosen copy will not be in the restored file. If the copy is from an earlier version, it is upgraded to this version before opening.</translation>
    </message>
    <message>
        <source>Restaurar esta cópia</source>
        <translation>Restore this copy</translation>
    </message>
    <message>
        <source>Não há cópia de segurança em bom estado deste arquivo (as cópias ficam em {folder}). Nada foi alterado: o arquivo danificado continua em {path}. Guarde-o e procure ajuda técnica para tentar recuperá-lo, levando também o registro técnico.</source>
        <translation>There is no backup of this file in good condition (backups are kept in {folder}). Nothing was changed: the damaged file is still at {path}. Keep it and seek technical help to try to recover it, bringing the technical log too.</translation>
    </message>
    <message>
        <source>1 cópia danificada, ou que esta versão não sabe abrir, não aparece aqui.</source>
        <translation>1 damaged copy, or one this version cannot open, is not shown here.</translation>
    </message>
    <message>
        <source>{n} cópias danificadas, ou que esta versão não sabe abrir, não aparecem aqui.</source>
        <translation>{n} damaged copies, or ones this version cannot open, are not shown here.</translation>
    </message>
</context>
<context>
    <name>DateField</name>
    <message>
        <source>dd/mm/aaaa</source>
        <translation>dd/mm/yyyy</translation>
    </message>
    <message>
        <source>Abrir o calendário</source>
        <translation>Open the calendar</translation>
    </message>
    <message>
        <source>Informe a data (dd/mm/aaaa).</source>
        <translation>Enter the date (dd/mm/yyyy).</translation>
    </message>
    <message>
        <source>Data incompleta ou inválida: digite dia, mês e ano, por exemplo 25/08/2013.</source>
        <translation>Incomplete or invalid date: type day, month and year, for example 25/08/2013.</translation>
    </message>
    <message>
        <source>A data %1 não existe.</source>
        <translation>The date %1 does not exist.</translation>
    </message>
    <message>
        <source>Data fora do intervalo aceito (%1 a %2).</source>
        <translation>Date outside the accepted range (%1 to %2).</translation>
    </message>
</context>
<context>
    <name>DiasNaoLetivosEditor</name>
    <message>
        <source>domingo</source>
        <translation>Sunday</translation>
    </message>
    <message>
        <source>Recesso</source>
        <translation>Break</translation>
    </message>
    <message>
        <source>dd/mm/aaaa</source>
        <translation>dd/mm/yyyy</translation>
    </message>
    <message>
        <source>Ex.: Tiradentes</source>
        <translation>E.g.: Tiradentes</translation>
    </message>
    <message>
        <source>Adicionar</source>
        <translation>Add</translation>
    </message>
    <message>
        <source>Remover</source>
        <translation>Remove</translation>
    </message>
    <message>
        <source>Importar…</source>
        <translation>Import…</translation>
    </message>
    <message>
        <source>Lê os dias de uma planilha (.csv ou .xlsx) com as colunas Data e Descrição (e Tipo, se houver)</source>
        <translation>Reads the days from a spreadsheet (.csv or .xlsx) with the columns Data and Descrição (and Tipo, if any)</translation>
    </message>
    <message>
        <source>Digite a data do dia não letivo, por exemplo 21/04/2026.</source>
        <translation>Type the date of the non-school day, for example 21/04/2026.</translation>
    </message>
    <message>
        <source>Importar dias não letivos</source>
        <translation>Import non-school days</translation>
    </message>
    <message>
        <source>Importando dias não letivos</source>
        <translation>Importing non-school days</translation>
    </message>
    <message>
        <source>Lendo a planilha…</source>
        <translation>Reading the spreadsheet…</translation>
    </message>
    <message>
        <source>O dia {data} já estava na lista e ficou como estava.</source>
        <translation>The day {data} was already in the list and stayed as it was.</translation>
    </message>
    <message>
        <source>Nenhum dia foi adicionado.</source>
        <translation>No day was added.</translation>
    </message>
    <message>
        <source>1 dia adicionado à lista.</source>
        <translation>1 day added to the list.</translation>
    </message>
    <message>
        <source>{n} dias adicionados à lista.</source>
        <translation>{n} days added to the list.</translation>
    </message>
    <message>
        <source>…e mais {n}.</source>
        <translation>…and {n} more.</translation>
    </message>
    <message>
        <source>Ficaram de fora:</source>
        <translation>Left out:</translation>
    </message>
    <message>
        <source>Confira a lista e clique em Salvar para gravar.</source>
        <translation>Check the list and click Save to record it.</translation>
    </message>
    <message>
        <source>Dias não letivos importados</source>
        <translation>Non-school days imported</translation>
    </message>
</context>
<context>
    <name>DiasNaoLetivosModel</name>
    <message>
        <source>Data</source>
        <extracomment>The &quot;no date&quot; of the optional date fields (their minimum, shown empty).</extracomment>
        <translation>Date</translation>
    </message>
    <message>
        <source>Dia</source>
        <translation>Day</translation>
    </message>
    <message>
        <source>Descrição</source>
        <translation>Description</translation>
    </message>
    <message>
        <source>Tipo</source>
        <translation>Kind</translation>
    </message>
    <message>
        <source>segunda</source>
        <translation>Monday</translation>
    </message>
    <message>
        <source>terça</source>
        <translation>Tuesday</translation>
    </message>
    <message>
        <source>quarta</source>
        <translation>Wednesday</translation>
    </message>
    <message>
        <source>quinta</source>
        <translation>Thursday</translation>
    </message>
    <message>
        <source>sexta</source>
        <translation>Friday</translation>
    </message>
    <message>
        <source>sábado</source>
        <translation>Saturday</translation>
    </message>
    <message>
        <source>domingo</source>
        <translation>Sunday</translation>
    </message>
</context>
<context>
    <name>DisciplinaDialog</name>
    <message>
        <source>Nova disciplina</source>
        <translation>New subject</translation>
    </message>
    <message>
        <source>Renomear disciplina</source>
        <translation>Rename subject</translation>
    </message>
    <message>
        <source>Ex.: Língua Portuguesa</source>
        <translation>E.g. Portuguese Language</translation>
    </message>
    <message>
        <source>Ex.: LP (opcional)</source>
        <translation>E.g. LP (optional)</translation>
    </message>
    <message>
        <source>&amp;Nome:</source>
        <translation>&amp;Name:</translation>
    </message>
    <message>
        <source>&amp;Abreviatura:</source>
        <translation>&amp;Abbreviation:</translation>
    </message>
    <message>
        <source>O novo nome vale também na turma que já tem esta disciplina.</source>
        <translation>The new name also applies to the class that already has this subject.</translation>
    </message>
    <message>
        <source>O novo nome vale também nas {n} turmas que já têm esta disciplina.</source>
        <translation>The new name also applies to the {n} classes that already have this subject.</translation>
    </message>
</context>
<context>
    <name>DisciplinaTableModel</name>
    <message>
        <source>Disciplina</source>
        <translation>Subject</translation>
    </message>
    <message>
        <source>Abreviatura</source>
        <translation>Abbreviation</translation>
    </message>
    <message>
        <source>Turmas</source>
        <translation>Classes</translation>
    </message>
</context>
<context>
    <name>DisciplinasEditor</name>
    <message>
        <source>Marcar todas</source>
        <translation>Mark all</translation>
    </message>
    <message>
        <source>Nenhuma disciplina cadastrada ainda. Cadastre-as em Configurações → Disciplinas; depois edite a turma para escolhê-las.</source>
        <translation>No subjects registered yet. Register them in Settings → Subjects; then edit the class to choose them.</translation>
    </message>
    <message>
        <source>&lt;b&gt;Disciplina&lt;/b&gt;</source>
        <translation>&lt;b&gt;Subject&lt;/b&gt;</translation>
    </message>
    <message>
        <source>&lt;b&gt;Carga horária anual&lt;/b&gt;</source>
        <translation>&lt;b&gt;Yearly workload&lt;/b&gt;</translation>
    </message>
    <message>
        <source>não informada</source>
        <translation>not given</translation>
    </message>
    <message>
        <source> h</source>
        <translation> h</translation>
    </message>
    <message>
        <source>Carga horária de {nome}</source>
        <translation>Workload of {nome}</translation>
    </message>
    <message>
        <source>{n} disciplina marcada</source>
        <translation>{n} subject marked</translation>
    </message>
    <message>
        <source>{n} disciplinas marcadas</source>
        <translation>{n} subjects marked</translation>
    </message>
    <message>
        <source>Nenhuma disciplina marcada</source>
        <translation>No subject marked</translation>
    </message>
</context>
<context>
    <name>DisciplinasExternasModel</name>
    <message>
        <source>Disciplina</source>
        <extracomment>The situações offered for a year done elsewhere, in the order a secretary meets them; a stored record with another one (cursando, falecido, remanejado) keeps it in the list.</extracomment>
        <translation>Subject</translation>
    </message>
    <message>
        <source>Média ou conceito</source>
        <translation>Average or grade letter</translation>
    </message>
    <message>
        <source>Carga horária (h)</source>
        <translation>Workload (h)</translation>
    </message>
    <message>
        <source>Uma média de 0 a 10, como 7,5, ou um conceito, como A ou Apto.</source>
        <translation>An average from 0 to 10, like 7,5, or a grade letter, like A or Apto.</translation>
    </message>
</context>
<context>
    <name>DisciplinasPanel</name>
    <message>
        <source>As disciplinas que as turmas podem ter. A carga horária de cada uma é informada na turma (Turmas → Editar…).</source>
        <translation>The subjects classes can have. Each one&apos;s workload is set in the class (Classes → Edit…).</translation>
    </message>
    <message>
        <source>&amp;Nova disciplina…</source>
        <translation>&amp;New subject…</translation>
    </message>
    <message>
        <source>&amp;Renomear…</source>
        <translation>&amp;Rename…</translation>
    </message>
    <message>
        <source>E&amp;xcluir…</source>
        <translation>De&amp;lete…</translation>
    </message>
    <message>
        <source>Nenhuma disciplina cadastrada. Clique em Nova disciplina… para cadastrar a primeira.</source>
        <translation>No subjects registered. Click New subject… to register the first one.</translation>
    </message>
    <message>
        <source>Excluir disciplina</source>
        <translation>Delete subject</translation>
    </message>
    <message>
        <source>(Usada em {n} turma.)</source>
        <translation>(Used in {n} class.)</translation>
    </message>
    <message>
        <source>(Usada em {n} turmas.)</source>
        <translation>(Used in {n} classes.)</translation>
    </message>
    <message>
        <source>Excluir a disciplina {nome}?</source>
        <translation>Delete the subject {nome}?</translation>
    </message>
</context>
<context>
    <name>DispensaDialog</name>
    <message>
        <source>Dispensa de disciplina — {aluno}</source>
        <translation>Subject exemption — {aluno}</translation>
    </message>
    <message>
        <source>{disciplina} desde {data} ({motivo})</source>
        <translation>{disciplina} since {data} ({motivo})</translation>
    </message>
    <message>
        <source>{aluno} está dispensado de: {atuais}.</source>
        <translation>{aluno} is exempt from: {atuais}.</translation>
    </message>
    <message>
        <source>{aluno} não está dispensado de nenhuma disciplina.</source>
        <translation>{aluno} is not exempt from any subject.</translation>
    </message>
    <message>
        <source>A disciplina dispensada aparece como Dispensado e não conta para o resultado nem para a frequência.</source>
        <translation>The exempted subject shows as Exempt and counts neither for the result nor for the attendance.</translation>
    </message>
    <message>
        <source>Escolha a disciplina</source>
        <translation>Choose the subject</translation>
    </message>
    <message>
        <source>{disciplina} (dispensado)</source>
        <translation>{disciplina} (exempt)</translation>
    </message>
    <message>
        <source>Ex.: atestado médico apresentado em 10/03</source>
        <translation>E.g.: medical certificate handed in on 10/03</translation>
    </message>
    <message>
        <source>&amp;Disciplina:</source>
        <translation>&amp;Subject:</translation>
    </message>
    <message>
        <source>&amp;Data da dispensa:</source>
        <translation>&amp;Date of the exemption:</translation>
    </message>
    <message>
        <source>&amp;Motivo:</source>
        <translation>&amp;Reason:</translation>
    </message>
    <message>
        <source>Remover dispensa</source>
        <translation>Remove exemption</translation>
    </message>
    <message>
        <source>Dispensar</source>
        <translation>Exempt</translation>
    </message>
    <message>
        <source>Escolha a disciplina.</source>
        <translation>Choose the subject.</translation>
    </message>
</context>
<context>
    <name>DowngradeDialog</name>
    <message>
        <source>Voltar para uma versão anterior</source>
        <translation>Go back to an earlier version</translation>
    </message>
    <message>
        <source>Leva o arquivo de dados de volta ao formato de uma versão anterior do Escola, para usá-lo com ela. O que essa versão não tem onde guardar sai do arquivo.</source>
        <translation>Takes the data file back to the format of an earlier version of Escola, to use it with that version. What that version has no place to keep leaves the file.</translation>
    </message>
    <message>
        <source>Versões anteriores</source>
        <translation>Earlier versions</translation>
    </message>
    <message>
        <source>Escola {version}</source>
        <translation>Escola {version}</translation>
    </message>
    <message>
        <source>Antes, uma cópia de segurança fixa do arquivo é feita em {folder}; ela nunca é apagada pela rotação e guarda tudo o que sair do arquivo.</source>
        <translation>First, a pinned backup of the file is made in {folder}; rotation never deletes it and it keeps everything that leaves the file.</translation>
    </message>
    <message>
        <source>Voltar e fechar</source>
        <translation>Go back and close</translation>
    </message>
    <message>
        <source>Cancelar</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <source>Versão:</source>
        <translation>Version:</translation>
    </message>
    <message>
        <source>Não foi possível ver o que o arquivo perderia (detalhes no registro).</source>
        <translation>Could not see what the file would lose (details in the log).</translation>
    </message>
    <message>
        <source>Não há versão anterior para a qual este arquivo possa voltar.</source>
        <translation>There is no earlier version this file can go back to.</translation>
    </message>
    <message>
        <source>Para voltar ao Escola {version}, o arquivo vai perder:</source>
        <translation>To go back to Escola {version}, the file will lose:</translation>
    </message>
    <message>
        <source>Para voltar ao Escola {version}, nenhum dado sai do arquivo.</source>
        <translation>To go back to Escola {version}, no data leaves the file.</translation>
    </message>
    <message>
        <source>Depois, o Escola fecha, para que você instale ou abra o Escola {version} e continue com ele.</source>
        <translation>Then Escola closes, so that you can install or open Escola {version} and go on with it.</translation>
    </message>
</context>
<context>
    <name>DowngradeProgressDialog</name>
    <message>
        <source>Voltando para o Escola {version}</source>
        <translation>Going back to Escola {version}</translation>
    </message>
    <message>
        <source>Fazendo a cópia de segurança…</source>
        <translation>Making the backup…</translation>
    </message>
    <message>
        <source>Fechar o Escola</source>
        <translation>Close Escola</translation>
    </message>
    <message>
        <source>Fechar</source>
        <translation>Close</translation>
    </message>
    <message>
        <source>Revisão {n} de {total}: {descricao}</source>
        <translation>Revision {n} of {total}: {descricao}</translation>
    </message>
    <message>
        <source>O arquivo voltou para o Escola {version}.</source>
        <translation>The file went back to Escola {version}.</translation>
    </message>
    <message>
        <source>Cópia de segurança do arquivo como estava antes (fixa, nunca apagada pela rotação): {path}</source>
        <translation>Backup of the file as it was before (pinned, never deleted by rotation): {path}</translation>
    </message>
    <message>
        <source>Agora o Escola fecha. Instale ou abra o Escola {version} para continuar a usar este arquivo ({database}).</source>
        <translation>Escola now closes. Install or open Escola {version} to keep using this file ({database}).</translation>
    </message>
    <message>
        <source>O arquivo não voltou para o Escola {version}.</source>
        <translation>The file did not go back to Escola {version}.</translation>
    </message>
    <message>
        <source>Detalhes técnicos no registro: {path}</source>
        <translation>Technical details in the log: {path}</translation>
    </message>
</context>
<context>
    <name>EnturmacaoTableModel</name>
    <message>
        <source>Ano</source>
        <translation>Year</translation>
    </message>
    <message>
        <source>Turma</source>
        <translation>Class</translation>
    </message>
    <message>
        <source>Série</source>
        <translation>Grade</translation>
    </message>
    <message>
        <source>Entrada</source>
        <translation>Entry</translation>
    </message>
    <message>
        <source>Saída</source>
        <translation>Exit</translation>
    </message>
    <message>
        <source>Situação</source>
        <translation>Status</translation>
    </message>
</context>
<context>
    <name>EnturmarDialog</name>
    <message>
        <source>Enturmar alunos em {turma}</source>
        <translation>Assign students to {turma}</translation>
    </message>
    <message>
        <source>Enturmar</source>
        <translation>Assign to class</translation>
    </message>
    <message>
        <source>Marque os alunos que entram na turma {turma}. A lista mostra os alunos ativos que ainda não estão em nenhuma turma de {ano}.</source>
        <translation>Mark the students who join the class {turma}. The list shows the active students who are not yet in any class of {ano}.</translation>
    </message>
    <message>
        <source>Buscar por nome ou RA…</source>
        <translation>Search by name or RA…</translation>
    </message>
    <message>
        <source>Selecionar todos</source>
        <translation>Select all</translation>
    </message>
    <message>
        <source>Marca todos os alunos da lista (só os encontrados, se houver busca)</source>
        <translation>Marks every student in the list (only those found, if there is a search)</translation>
    </message>
    <message>
        <source>Desmarcar todos</source>
        <translation>Unmark all</translation>
    </message>
    <message>
        <source>&amp;Transferência recebida: vêm de outra escola durante o ano</source>
        <translation>&amp;Transfer received: they come from another school during the year</translation>
    </message>
    <message>
        <source>Ex.: E.M. Cecília Meireles</source>
        <translation>E.g.: E.M. Cecília Meireles</translation>
    </message>
    <message>
        <source>Ex.: Belo Horizonte</source>
        <translation>E.g.: Belo Horizonte</translation>
    </message>
    <message>
        <source>As notas e a frequência dos períodos anteriores à entrada, da guia de transferência, são lançadas no diário da turma, como as outras.</source>
        <translation>The grades and the attendance of the terms before the arrival, from the transfer record, are entered in the class diary like the others.</translation>
    </message>
    <message>
        <source>&amp;Alunos:</source>
        <translation>&amp;Students:</translation>
    </message>
    <message>
        <source>&amp;Data de entrada:</source>
        <translation>Entry &amp;date:</translation>
    </message>
    <message>
        <source>&amp;Escola de origem:</source>
        <translation>&amp;School of origin:</translation>
    </message>
    <message>
        <source>M&amp;unicípio:</source>
        <translation>M&amp;unicipality:</translation>
    </message>
    <message>
        <source>&amp;UF:</source>
        <translation>S&amp;tate:</translation>
    </message>
    <message>
        <source>Não há alunos para enturmar: todos os alunos ativos já estão em uma turma de {ano}.</source>
        <translation>There are no students to assign: every active student is already in a class of {ano}.</translation>
    </message>
    <message>
        <source>{n} aluno marcado</source>
        <translation>{n} student marked</translation>
    </message>
    <message>
        <source>{n} alunos marcados</source>
        <translation>{n} students marked</translation>
    </message>
    <message>
        <source> · turma sem limite de vagas</source>
        <translation> · class with no seat limit</translation>
    </message>
    <message>
        <source>sobra {n} das {livres} vagas livres</source>
        <translation>{n} of the {livres} free seats remains</translation>
    </message>
    <message>
        <source>sobram {n} das {livres} vagas livres</source>
        <translation>{n} of the {livres} free seats remain</translation>
    </message>
    <message>
        <source>{n} a mais que as {livres} vagas livres</source>
        <translation>{n} more than the {livres} free seats</translation>
    </message>
    <message>
        <source>Marque ao menos um aluno.</source>
        <translation>Mark at least one student.</translation>
    </message>
    <message>
        <source>Idade diferente da etapa</source>
        <translation>Age unlike the stage&apos;s</translation>
    </message>
    <message>
        <source>{nome}: {idade} anos</source>
        <extracomment>How many alunos the question about their age names before &quot;e mais N&quot;.</extracomment>
        <translation>{nome}: {idade} years old</translation>
    </message>
    <message>
        <source>…e mais {n}.</source>
        <translation>…and {n} more.</translation>
    </message>
    <message>
        <source>{n} aluno tem idade distante da esperada para o {etapa} ({referencia} anos em 31 de março):</source>
        <translation>{n} student is far from the age expected for the {etapa} ({referencia} years old on 31 March):</translation>
    </message>
    <message>
        <source>{n} alunos têm idade distante da esperada para o {etapa} ({referencia} anos em 31 de março):</source>
        <translation>{n} students are far from the age expected for the {etapa} ({referencia} years old on 31 March):</translation>
    </message>
    <message>
        <source>Enturmar mesmo assim em {turma}? Confira a turma e as datas de nascimento.</source>
        <translation>Place them in {turma} all the same? Check the class and the birth dates.</translation>
    </message>
</context>
<context>
    <name>EscolaPanel</name>
    <message>
        <source>Estes dados saem no cabeçalho dos boletins, históricos e demais relatórios.</source>
        <translation>This data appears in the header of report cards, transcripts and other reports.</translation>
    </message>
    <message>
        <source>Ex.: EMEF Monteiro Lobato</source>
        <translation>E.g. EMEF Monteiro Lobato</translation>
    </message>
    <message>
        <source>8 dígitos</source>
        <translation>8 digits</translation>
    </message>
    <message>
        <source>Rua, número, bairro</source>
        <translation>Street, number, neighborhood</translation>
    </message>
    <message>
        <source>Ex.: (12) 3632-1234</source>
        <translation>E.g. (12) 3632-1234</translation>
    </message>
    <message>
        <source>&amp;Nome da escola:</source>
        <translation>School &amp;name:</translation>
    </message>
    <message>
        <source>Código &amp;INEP:</source>
        <translation>&amp;INEP code:</translation>
    </message>
    <message>
        <source>&amp;Endereço:</source>
        <translation>&amp;Address:</translation>
    </message>
    <message>
        <source>&amp;Município:</source>
        <translation>&amp;City:</translation>
    </message>
    <message>
        <source>&amp;UF:</source>
        <translation>S&amp;tate:</translation>
    </message>
    <message>
        <source>&amp;Telefone:</source>
        <translation>&amp;Phone:</translation>
    </message>
    <message>
        <source>&amp;Salvar</source>
        <translation>&amp;Save</translation>
    </message>
    <message>
        <source>Dados da escola salvos.</source>
        <translation>School data saved.</translation>
    </message>
</context>
<context>
    <name>EtapasPanel</name>
    <message>
        <source>A série escrita nestas turmas não diz qual é a etapa com certeza (ex.: “4ª série”, que no ensino fundamental de 8 anos corresponde ao 5º ano). Escolha a etapa de cada uma e clique em Salvar; a série escrita continua como está.</source>
        <translation>The grade written in these classes does not say which stage it is for sure (e.g. “4ª série”, which in the 8-year elementary school is the 5th year). Choose the stage of each and click Save; the grade as written stays as it is.</translation>
    </message>
    <message>
        <source>Ano</source>
        <translation>Year</translation>
    </message>
    <message>
        <source>Turma</source>
        <translation>Class</translation>
    </message>
    <message>
        <source>Série escrita</source>
        <translation>Grade as written</translation>
    </message>
    <message>
        <source>Etapa</source>
        <translation>Stage</translation>
    </message>
    <message>
        <source>Todas as turmas têm etapa.</source>
        <translation>Every class has its stage.</translation>
    </message>
    <message>
        <source>&amp;Salvar</source>
        <translation>&amp;Save</translation>
    </message>
    <message>
        <source>Escolha a etapa</source>
        <translation>Choose the stage</translation>
    </message>
    <message>
        <source>&lt;b&gt;Regra de avaliação de cada etapa&lt;/b&gt;</source>
        <translation>&lt;b&gt;Evaluation rule of each stage&lt;/b&gt;</translation>
    </message>
    <message>
        <source>Vale para as turmas da etapa que não têm regra própria. Sem regra escolhida, vale a do ano letivo. A regra não muda se uma turma já tem notas de outro tipo, nem num ano encerrado.</source>
        <translation>It applies to the stage&apos;s classes that have no rule of their own. With no rule chosen, the school year&apos;s applies. The rule does not change if a class already has grades of another kind, nor in a closed year.</translation>
    </message>
    <message>
        <source>Regra de avaliação</source>
        <translation>Evaluation rule</translation>
    </message>
    <message>
        <source>A do ano letivo</source>
        <translation>The school year&apos;s</translation>
    </message>
    <message>
        <source>Regra da etapa {etapa} salva: {regra}.</source>
        <translation>Rule of the stage {etapa} saved: {regra}.</translation>
    </message>
    <message>
        <source>Escolha a etapa de pelo menos uma turma antes de salvar.</source>
        <translation>Choose the stage of at least one class before saving.</translation>
    </message>
    <message>
        <source>Nada foi salvo.</source>
        <translation>Nothing was saved.</translation>
    </message>
    <message>
        <source>Etapa salva para {n} turma.</source>
        <translation>Stage saved for {n} class.</translation>
    </message>
    <message>
        <source>Etapa salva para {n} turmas.</source>
        <translation>Stage saved for {n} classes.</translation>
    </message>
    <message>
        <source>Falta escolher a de {n} turma.</source>
        <translation>Still to choose for {n} class.</translation>
    </message>
    <message>
        <source>Falta escolher a de {n} turmas.</source>
        <translation>Still to choose for {n} classes.</translation>
    </message>
</context>
<context>
    <name>FrequenciaModel</name>
    <message>
        <source>valor</source>
        <translation>value</translation>
    </message>
    <message>
        <source>valores</source>
        <translation>values</translation>
    </message>
    <message>
        <source>Aluno</source>
        <translation>Student</translation>
    </message>
    <message>
        <source>Aulas dadas</source>
        <translation>Classes given</translation>
    </message>
    <message>
        <source>Faltas</source>
        <translation>Absences</translation>
    </message>
    <message>
        <source>Frequência</source>
        <translation>Attendance</translation>
    </message>
    <message>
        <source>Observação</source>
        <translation>Note</translation>
    </message>
    <message>
        <source>Aplicar {aulas} aulas dadas a todos</source>
        <translation>Apply {aulas} classes given to all</translation>
    </message>
    <message>
        <source>Nada foi alterado.</source>
        <translation>Nothing was changed.</translation>
    </message>
    <message>
        <source>Aulas dadas: {aulas} para 1 aluno.</source>
        <translation>Lessons given: {aulas} for 1 student.</translation>
    </message>
    <message>
        <source>Aulas dadas: {aulas} para {n} alunos.</source>
        <translation>Lessons given: {aulas} for {n} students.</translation>
    </message>
    <message>
        <source>Use um número de 0 a {maximo}.</source>
        <translation>Use a number from 0 to {maximo}.</translation>
    </message>
    <message>
        <source>Aulas dadas de {aluno} em {disciplina}, {periodo}</source>
        <translation>Classes given for {aluno} in {disciplina}, {periodo}</translation>
    </message>
    <message>
        <source>Faltas de {aluno} em {disciplina}, {periodo}</source>
        <translation>Absences of {aluno} in {disciplina}, {periodo}</translation>
    </message>
    <message>
        <source>informe as aulas dadas antes das faltas.</source>
        <translation>enter the classes given before the absences.</translation>
    </message>
    <message>
        <source>Presenças sobre as aulas dadas no período</source>
        <translation>Attendance over the classes given in the term</translation>
    </message>
    <message>
        <source>{aluno} saiu da turma: a frequência fica como estava.</source>
        <translation>{aluno} left the class: the attendance stays as it was.</translation>
    </message>
    <message>
        <source>Abaixo de {minimo} %</source>
        <translation>Below {minimo} %</translation>
    </message>
</context>
<context>
    <name>FrequenciaPage</name>
    <message>
        <source>Digite o número e tecle Enter para ir ao próximo aluno; Tab vai para a coluna ao lado. Delete apaga, Ctrl+Z desfaz e Ctrl+Shift+Z refaz. Ctrl+V cola números copiados de uma planilha.</source>
        <translation>Type the number and press Enter to go to the next student; Tab goes to the next column. Delete clears, Ctrl+Z undoes and Ctrl+Shift+Z redoes. Ctrl+V pastes numbers copied from a spreadsheet.</translation>
    </message>
    <message>
        <source>Aulas dadas no perío&amp;do:</source>
        <translation>Classes given in the ter&amp;m:</translation>
    </message>
    <message>
        <source>Aplicar a &amp;todos</source>
        <translation>Apply to &amp;all</translation>
    </message>
    <message>
        <source>Lança estas aulas dadas para todos os alunos da turma neste período; as faltas ficam.</source>
        <translation>Enters these classes given for every student of the class in this term; the absences stay.</translation>
    </message>
    <message>
        <source>Esta turma ainda não tem alunos. Enturme alunos na página Turmas.</source>
        <translation>This class has no students yet. Assign students on the Classes page.</translation>
    </message>
    <message>
        <source>Abrir Turmas</source>
        <translation>Open Classes</translation>
    </message>
    <message>
        <source>Frequência mínima: {minima} % das aulas dadas.</source>
        <translation>Minimum attendance: {minima} % of the classes given.</translation>
    </message>
</context>
<context>
    <name>HistoricoDialog</name>
    <message>
        <source>Histórico da situação — {aluno}</source>
        <translation>Status history — {aluno}</translation>
    </message>
    <message>
        <source>{aluno} em {turma}. Situação atual: &lt;b&gt;{situacao}&lt;/b&gt;</source>
        <translation>{aluno} in {turma}. Current status: &lt;b&gt;{situacao}&lt;/b&gt;</translation>
    </message>
    <message>
        <source>A situação nunca foi alterada à mão: ela é calculada pelas notas e pela frequência.</source>
        <translation>The status was never changed by hand: it is calculated from the grades and the attendance.</translation>
    </message>
    <message>
        <source>Fechar</source>
        <translation>Close</translation>
    </message>
</context>
<context>
    <name>HistoricoExternoDialog</name>
    <message>
        <source>Ano cursado em outra escola</source>
        <translation>Year taken at another school</translation>
    </message>
    <message>
        <source>Editar ano de outra escola</source>
        <translation>Edit year from another school</translation>
    </message>
    <message>
        <source>Ex.: 5º ano</source>
        <translation>E.g. 5th grade</translation>
    </message>
    <message>
        <source>Nome da escola como está no documento</source>
        <translation>School name as in the document</translation>
    </message>
    <message>
        <source>UF</source>
        <translation>State</translation>
    </message>
    <message>
        <source>Escolha a situação</source>
        <translation>Choose the status</translation>
    </message>
    <message>
        <source>Ex.: 92,5</source>
        <translation>E.g. 92,5</translation>
    </message>
    <message>
        <source>não informada</source>
        <translation>not given</translation>
    </message>
    <message>
        <source> h</source>
        <translation> h</translation>
    </message>
    <message>
        <source>Carga horária do ano; vazia, o histórico soma a das disciplinas.</source>
        <translation>The year&apos;s workload; if empty, the transcript adds up the subjects&apos;.</translation>
    </message>
    <message>
        <source>&amp;Ano:</source>
        <translation>&amp;Year:</translation>
    </message>
    <message>
        <source>&amp;Série/ano:</source>
        <translation>&amp;Grade/year:</translation>
    </message>
    <message>
        <source>&amp;Escola:</source>
        <translation>&amp;School:</translation>
    </message>
    <message>
        <source>&amp;Município:</source>
        <translation>&amp;City:</translation>
    </message>
    <message>
        <source>Si&amp;tuação:</source>
        <translation>S&amp;tatus:</translation>
    </message>
    <message>
        <source>&amp;Frequência:</source>
        <translation>&amp;Attendance:</translation>
    </message>
    <message>
        <source>&amp;Carga horária total:</source>
        <translation>&amp;Total workload:</translation>
    </message>
    <message>
        <source>&amp;Observações:</source>
        <translation>&amp;Notes:</translation>
    </message>
    <message>
        <source>Adicionar &amp;disciplina</source>
        <translation>Add &amp;subject</translation>
    </message>
    <message>
        <source>&amp;Remover disciplina</source>
        <translation>&amp;Remove subject</translation>
    </message>
    <message>
        <source>Disciplinas</source>
        <translation>Subjects</translation>
    </message>
    <message>
        <source>Como no documento: o nome da disciplina, a média (de 0 a 10) ou o conceito, e a carga horária.</source>
        <translation>As in the document: the subject&apos;s name, the average (0 to 10) or the grade letter, and the workload.</translation>
    </message>
    <message>
        <source>&amp;UF:</source>
        <translation>S&amp;tate:</translation>
    </message>
</context>
<context>
    <name>HistoricoPanel</name>
    <message>
        <source>Ano / disciplina</source>
        <extracomment>On the Histórico tree&apos;s items of a year done in another school (and of its disciplinas): that year&apos;s id in ``historicos_externos``.</extracomment>
        <translation>Year / subject</translation>
    </message>
    <message>
        <source>Média final</source>
        <translation>Final average</translation>
    </message>
    <message>
        <source>Frequência</source>
        <translation>Attendance</translation>
    </message>
    <message>
        <source>Situação</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>O histórico do aluno aparece aqui depois que ele for salvo.</source>
        <translation>The student&apos;s history appears here once the student is saved.</translation>
    </message>
    <message>
        <source>Salve o aluno para registrar os anos que ele cursou em outras escolas.</source>
        <translation>Save the student to record the years taken at other schools.</translation>
    </message>
    <message>
        <source>Salve o aluno primeiro.</source>
        <translation>Save the student first.</translation>
    </message>
    <message>
        <source>Ainda não há anos letivos no histórico deste aluno. Eles aparecem aqui quando o aluno é colocado em uma turma.</source>
        <translation>This student&apos;s history has no school years yet. They appear here when the student is placed in a class.</translation>
    </message>
    <message>
        <source>Somente consulta: as notas e a frequência são lançadas nas páginas Notas e Frequência.</source>
        <translation>View only: grades and attendance are entered on the Grades and Attendance pages.</translation>
    </message>
    <message>
        <source>Os anos cursados nesta escola vêm das páginas Turmas, Notas e Frequência. Os anos cursados em outras escolas são registrados aqui, conforme os documentos apresentados, e salvos na hora.</source>
        <translation>The years taken at this school come from the Classes, Grades and Attendance pages. Years taken at other schools are recorded here, as in the documents presented, and saved at once.</translation>
    </message>
    <message>
        <source>Ainda não há anos letivos no histórico deste aluno. Os desta escola aparecem quando o aluno é colocado em uma turma; os de outras escolas, com o botão abaixo.</source>
        <translation>This student&apos;s history has no school years yet. Those at this school appear when the student is placed in a class; those at other schools, with the button below.</translation>
    </message>
    <message>
        <source>Média/conceito</source>
        <translation>Average/letter</translation>
    </message>
    <message>
        <source>Adicionar a&amp;no de outra escola…</source>
        <translation>Add a year from a&amp;nother school…</translation>
    </message>
    <message>
        <source>&amp;Editar…</source>
        <translation>&amp;Edit…</translation>
    </message>
    <message>
        <source>E&amp;xcluir…</source>
        <translation>De&amp;lete…</translation>
    </message>
    <message>
        <source>%1 — %2 — turma %3</source>
        <translation>%1 — %2 — class %3</translation>
    </message>
    <message>
        <source>Frequência no ano, sobre o total de aulas de todas as disciplinas.</source>
        <translation>Attendance in the year, over the total classes of all subjects.</translation>
    </message>
    <message>
        <source>Ainda faltam notas para a média.</source>
        <translation>Grades are still missing for the average.</translation>
    </message>
    <message>
        <source>%1 — %2 — outra escola: %3</source>
        <translation>%1 — %2 — another school: %3</translation>
    </message>
    <message>
        <source>Cursado em outra escola: %1</source>
        <translation>Taken at another school: %1</translation>
    </message>
    <message>
        <source>Escolha na lista um ano cursado em outra escola. Os desta escola mudam nas páginas Turmas e Notas.</source>
        <translation>Choose a year taken at another school from the list. Those at this school change on the Classes and Grades pages.</translation>
    </message>
    <message>
        <source>Excluir do histórico deste aluno o ano de %1 (%2), cursado em outra escola: %3?</source>
        <translation>Delete from this student&apos;s history the year %1 (%2), taken at another school: %3?</translation>
    </message>
    <message>
        <source>As disciplinas registradas nesse ano (%1) também serão excluídas.</source>
        <translation>The subjects recorded in that year (%1) will be deleted too.</translation>
    </message>
    <message>
        <source>Excluir ano de outra escola</source>
        <translation>Delete year from another school</translation>
    </message>
    <message>
        <source>Registro não encontrado</source>
        <translation>Record not found</translation>
    </message>
    <message>
        <source>Este ano de outra escola não existe mais; talvez tenha sido excluído.</source>
        <translation>This year from another school no longer exists; it may have been deleted.</translation>
    </message>
</context>
<context>
    <name>HistoricoTableModel</name>
    <message>
        <source>Quando</source>
        <translation>When</translation>
    </message>
    <message>
        <source>De</source>
        <translation>From</translation>
    </message>
    <message>
        <source>Para</source>
        <translation>To</translation>
    </message>
    <message>
        <source>Motivo</source>
        <translation>Reason</translation>
    </message>
</context>
<context>
    <name>ImportDialog</name>
    <message>
        <source>Planilhas (*.csv *.xlsx)</source>
        <translation>Spreadsheets (*.csv *.xlsx)</translation>
    </message>
    <message>
        <source>Planilha do Excel (*.xlsx)</source>
        <translation>Excel spreadsheet (*.xlsx)</translation>
    </message>
    <message>
        <source>CSV separado por ponto e vírgula (*.csv)</source>
        <translation>Semicolon-separated CSV (*.csv)</translation>
    </message>
    <message>
        <source>Nome</source>
        <translation>Name</translation>
    </message>
    <message>
        <source>Nome social</source>
        <translation>Social name</translation>
    </message>
    <message>
        <source>E-mail</source>
        <translation>E-mail</translation>
    </message>
    <message>
        <source>CPF</source>
        <translation>CPF</translation>
    </message>
    <message>
        <source>Data de nascimento</source>
        <translation>Date of birth</translation>
    </message>
    <message>
        <source>Outros e-mails</source>
        <translation>Other e-mails</translation>
    </message>
    <message>
        <source>Telefones</source>
        <translation>Phones</translation>
    </message>
    <message>
        <source>Ativo</source>
        <translation>Active</translation>
    </message>
    <message>
        <source>RA</source>
        <translation>RA</translation>
    </message>
    <message>
        <source>Sexo</source>
        <translation>Sex</translation>
    </message>
    <message>
        <source>Cor/raça</source>
        <translation>Color/race</translation>
    </message>
    <message>
        <source>RG</source>
        <translation>RG</translation>
    </message>
    <message>
        <source>Certidão de nascimento</source>
        <translation>Birth certificate</translation>
    </message>
    <message>
        <source>NIS</source>
        <translation>NIS</translation>
    </message>
    <message>
        <source>Código INEP</source>
        <translation>INEP code</translation>
    </message>
    <message>
        <source>CEP</source>
        <translation>ZIP code</translation>
    </message>
    <message>
        <source>Logradouro</source>
        <translation>Street</translation>
    </message>
    <message>
        <source>Número</source>
        <translation>Number</translation>
    </message>
    <message>
        <source>Complemento</source>
        <translation>Apartment/suite</translation>
    </message>
    <message>
        <source>Bairro</source>
        <translation>Neighborhood</translation>
    </message>
    <message>
        <source>Município</source>
        <translation>City</translation>
    </message>
    <message>
        <source>UF</source>
        <translation>State</translation>
    </message>
    <message>
        <source>Nome da mãe</source>
        <translation>Mother&apos;s name</translation>
    </message>
    <message>
        <source>CPF da mãe</source>
        <translation>Mother&apos;s CPF</translation>
    </message>
    <message>
        <source>Telefone da mãe</source>
        <translation>Mother&apos;s phone</translation>
    </message>
    <message>
        <source>Nome do pai</source>
        <translation>Father&apos;s name</translation>
    </message>
    <message>
        <source>CPF do pai</source>
        <translation>Father&apos;s CPF</translation>
    </message>
    <message>
        <source>Telefone do pai</source>
        <translation>Father&apos;s phone</translation>
    </message>
    <message>
        <source>Nome do responsável</source>
        <translation>Guardian&apos;s name</translation>
    </message>
    <message>
        <source>CPF do responsável</source>
        <translation>Guardian&apos;s CPF</translation>
    </message>
    <message>
        <source>Telefone do responsável</source>
        <translation>Guardian&apos;s phone</translation>
    </message>
    <message>
        <source>Parentesco do responsável</source>
        <translation>Guardian&apos;s relationship</translation>
    </message>
    <message>
        <source>Responsável legal</source>
        <translation>Legal guardian</translation>
    </message>
    <message>
        <source>Feminino</source>
        <translation>Female</translation>
    </message>
    <message>
        <source>Masculino</source>
        <translation>Male</translation>
    </message>
    <message>
        <source>Não declarada</source>
        <translation>Not declared</translation>
    </message>
    <message>
        <source>Branca</source>
        <translation>White</translation>
    </message>
    <message>
        <source>Preta</source>
        <translation>Black</translation>
    </message>
    <message>
        <source>Parda</source>
        <translation>Mixed race</translation>
    </message>
    <message>
        <source>Amarela</source>
        <translation>Asian</translation>
    </message>
    <message>
        <source>Indígena</source>
        <translation>Indigenous</translation>
    </message>
    <message>
        <source>nome</source>
        <translation>name</translation>
    </message>
    <message>
        <source>telefones</source>
        <translation>phones</translation>
    </message>
    <message>
        <source>parentesco</source>
        <translation>relationship</translation>
    </message>
    <message>
        <source>responsável legal</source>
        <translation>legal guardian</translation>
    </message>
    <message>
        <source>1 novo</source>
        <translation>1 new</translation>
    </message>
    <message>
        <source>{n} novos</source>
        <translation>{n} new</translation>
    </message>
    <message>
        <source>1 atualizado</source>
        <translation>1 updated</translation>
    </message>
    <message>
        <source>{n} atualizados</source>
        <translation>{n} updated</translation>
    </message>
    <message>
        <source>{n} sem mudança</source>
        <translation>{n} unchanged</translation>
    </message>
    <message>
        <source>{n} com problema</source>
        <translation>{n} with problems</translation>
    </message>
    <message>
        <source>1 responsável novo</source>
        <translation>1 new guardian</translation>
    </message>
    <message>
        <source>{n} responsáveis novos</source>
        <translation>{n} new guardians</translation>
    </message>
    <message>
        <source>1 responsável atualizado</source>
        <translation>1 guardian updated</translation>
    </message>
    <message>
        <source>{n} responsáveis atualizados</source>
        <translation>{n} guardians updated</translation>
    </message>
    <message>
        <source>1 vínculo novo</source>
        <translation>1 new link</translation>
    </message>
    <message>
        <source>{n} vínculos novos</source>
        <translation>{n} new links</translation>
    </message>
    <message>
        <source>1 vínculo alterado</source>
        <translation>1 link changed</translation>
    </message>
    <message>
        <source>{n} vínculos alterados</source>
        <translation>{n} links changed</translation>
    </message>
    <message>
        <source>1 linha em conflito ficou de fora</source>
        <translation>1 conflicting line was left out</translation>
    </message>
    <message>
        <source>{n} linhas em conflito ficaram de fora</source>
        <translation>{n} conflicting lines were left out</translation>
    </message>
    <message>
        <source>1 linha com problema ficou de fora</source>
        <translation>1 line with a problem was left out</translation>
    </message>
    <message>
        <source>{n} linhas com problema ficaram de fora</source>
        <translation>{n} lines with problems were left out</translation>
    </message>
    <message>
        <source>Importação concluída: {counts}.</source>
        <translation>Import finished: {counts}.</translation>
    </message>
    <message>
        <source>Sim</source>
        <translation>Yes</translation>
    </message>
    <message>
        <source>Não</source>
        <translation>No</translation>
    </message>
    <message>
        <source>(vazio)</source>
        <translation>(empty)</translation>
    </message>
    <message>
        <source>{responsavel} (legal)</source>
        <translation>{responsavel} (legal)</translation>
    </message>
    <message>
        <source>{responsavel}: {campo}</source>
        <translation>{responsavel}: {campo}</translation>
    </message>
    <message>
        <source>{parentesco}, responsável legal</source>
        <translation>{parentesco}, legal guardian</translation>
    </message>
    <message>
        <source>{vinculo} (novo cadastro)</source>
        <translation>{vinculo} (new record)</translation>
    </message>
    <message>
        <source>Mãe</source>
        <translation>Mother</translation>
    </message>
    <message>
        <source>mesmo RA</source>
        <translation>same RA</translation>
    </message>
    <message>
        <source>mesmo CPF</source>
        <translation>same CPF</translation>
    </message>
    <message>
        <source>mesmo nome e nascimento, sem CPF</source>
        <translation>same name and birth date, no CPF</translation>
    </message>
    <message>
        <source>… e mais 1 linha com o mesmo problema</source>
        <translation>… and 1 more line with the same problem</translation>
    </message>
    <message>
        <source>… e mais {n} linhas com o mesmo problema</source>
        <translation>… and {n} more lines with the same problem</translation>
    </message>
    <message>
        <source>Importar alunos</source>
        <translation>Import students</translation>
    </message>
    <message>
        <source>Arquivo: {name} ({rows})</source>
        <translation>File: {name} ({rows})</translation>
    </message>
    <message>
        <source>1 linha de dados</source>
        <translation>1 data row</translation>
    </message>
    <message>
        <source>{n} linhas de dados</source>
        <translation>{n} data rows</translation>
    </message>
    <message>
        <source>Colunas da planilha</source>
        <translation>Spreadsheet columns</translation>
    </message>
    <message>
        <source>Escolha o dado que cada coluna traz: do aluno, da mãe, do pai ou de outro responsável.</source>
        <translation>Choose the data each column holds: the student&apos;s, the mother&apos;s, the father&apos;s or another guardian&apos;s.</translation>
    </message>
    <message>
        <source>(coluna {n} sem nome)</source>
        <translation>(column {n} without a name)</translation>
    </message>
    <message>
        <source>Linha</source>
        <translation>Row</translation>
    </message>
    <message>
        <source>Corrija as linhas com problema na planilha e abra de novo, ou importe só as linhas válidas: as com problema vão para um arquivo ao lado da planilha.</source>
        <translation>Fix the lines with problems in the spreadsheet and open it again, or import only the valid lines: the ones with problems go to a file beside the spreadsheet.</translation>
    </message>
    <message>
        <source>Marque as linhas em conflito que devem atualizar o aluno cadastrado.</source>
        <translation>Tick the conflicting lines that should update the registered student.</translation>
    </message>
    <message>
        <source>A linha com problema foi gravada</source>
        <translation>The line with a problem was written</translation>
    </message>
    <message>
        <source>As {n} linhas com problema foram gravadas</source>
        <translation>The {n} lines with problems were written</translation>
    </message>
    <message>
        <source>Linhas com problema</source>
        <translation>Lines with problems</translation>
    </message>
    <message>
        <source>{lines} em {path}, com o motivo na coluna Problemas. Corrija e importe esse arquivo.</source>
        <translation>{lines} to {path}, with the reason in the Problemas column. Fix and import that file.</translation>
    </message>
    <message>
        <source>Nascimento</source>
        <translation>Birth</translation>
    </message>
    <message>
        <source>Responsáveis</source>
        <translation>Guardians</translation>
    </message>
    <message>
        <source>Aluno</source>
        <translation>Student</translation>
    </message>
    <message>
        <source>Campo</source>
        <translation>Field</translation>
    </message>
    <message>
        <source>Antes</source>
        <translation>Before</translation>
    </message>
    <message>
        <source>Depois</source>
        <translation>After</translation>
    </message>
    <message>
        <source>Encontrado por</source>
        <translation>Found by</translation>
    </message>
    <message>
        <source>No cadastro</source>
        <translation>On record</translation>
    </message>
    <message>
        <source>Na planilha</source>
        <translation>In the spreadsheet</translation>
    </message>
    <message>
        <source>O que muda (antes → depois)</source>
        <translation>What changes (before → after)</translation>
    </message>
    <message>
        <source>Problemas</source>
        <translation>Problems</translation>
    </message>
    <message>
        <source>Novos</source>
        <translation>New</translation>
    </message>
    <message>
        <source>Atualizados</source>
        <translation>Updated</translation>
    </message>
    <message>
        <source>Sem mudança</source>
        <translation>Unchanged</translation>
    </message>
    <message>
        <source>Conflitos</source>
        <translation>Conflicts</translation>
    </message>
    <message>
        <source>Com problema</source>
        <translation>With problems</translation>
    </message>
    <message>
        <source>Importar</source>
        <translation>Import</translation>
    </message>
    <message>
        <source>Importar as linhas válidas</source>
        <translation>Import the valid lines</translation>
    </message>
    <message>
        <source>Importa as linhas sem problema e grava as outras, com o motivo, em um arquivo novo ao lado da planilha, para corrigir e importar de novo.</source>
        <translation>Imports the lines without problems and writes the others, with the reason, to a new file beside the spreadsheet, to fix and import again.</translation>
    </message>
    <message>
        <source>Cancelar</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <source>(ignorar)</source>
        <translation>(ignore)</translation>
    </message>
    <message>
        <source>Conferindo o arquivo</source>
        <translation>Checking the file</translation>
    </message>
    <message>
        <source>Conferindo as linhas do arquivo com os alunos cadastrados…</source>
        <translation>Checking the file&apos;s rows against the registered students…</translation>
    </message>
    <message>
        <source>A conferência do arquivo foi interrompida.</source>
        <translation>The file check was interrupted.</translation>
    </message>
    <message>
        <source>Escolha qual coluna traz cada dado para conferir as linhas.</source>
        <translation>Choose which column holds each piece of data to check the rows.</translation>
    </message>
    <message>
        <source>1 em conflito</source>
        <translation>1 in conflict</translation>
    </message>
    <message>
        <source>{n} em conflito</source>
        <translation>{n} in conflict</translation>
    </message>
    <message>
        <source>Para importar, abra o arquivo de novo ou mude a escolha de uma coluna para conferi-lo.</source>
        <translation>To import, open the file again or change a column&apos;s choice to check it.</translation>
    </message>
    <message>
        <source>Ajuste as colunas da planilha acima para poder importar.</source>
        <translation>Adjust the spreadsheet columns above to be able to import.</translation>
    </message>
    <message>
        <source>Nada a importar: os alunos da planilha já estão cadastrados assim.</source>
        <translation>Nothing to import: the spreadsheet&apos;s students are already registered like this.</translation>
    </message>
    <message>
        <source>Nada a importar: a planilha não tem linhas de alunos.</source>
        <translation>Nothing to import: the spreadsheet has no student rows.</translation>
    </message>
    <message>
        <source>Linhas em conflito: o aluno cadastrado pode ser outra criança. Só as linhas marcadas na aba Conflitos atualizam o cadastro; as outras ficam de fora.</source>
        <translation>Conflicting lines: the registered student may be another child. Only the lines ticked in the Conflicts tab update the record; the others are left out.</translation>
    </message>
    <message>
        <source>Importação não realizada</source>
        <translation>Import not done</translation>
    </message>
    <message>
        <source>Importando alunos</source>
        <translation>Importing students</translation>
    </message>
    <message>
        <source>Gravando os alunos e os responsáveis do arquivo…</source>
        <translation>Saving the file&apos;s students and guardians…</translation>
    </message>
    <message>
        <source>Importação cancelada. Nada foi alterado.</source>
        <translation>Import cancelled. Nothing was changed.</translation>
    </message>
</context>
<context>
    <name>Launcher</name>
    <message>
        <source>Escola</source>
        <extracomment>The main window, once its services are attached: every page works (for a copied file, once its pages were checked too). It is on screen, with the Alunos list&apos;s first page, before that (:attr:`first_painted`). The main window is shown with the Alunos list&apos;s first page; its services are not attached yet. Another launch on the same file asked this one to come to the front; carries the window raised.</extracomment>
        <translation>Escola</translation>
    </message>
    <message>
        <source>Registro técnico: {path}</source>
        <translation>Technical log: {path}</translation>
    </message>
    <message>
        <source>O Escola já está aberto com este arquivo; a janela dele foi trazida para a frente.</source>
        <translation>Escola is already open with this file; its window was brought to the front.</translation>
    </message>
    <message>
        <source>Restaurar backup</source>
        <translation>Restore backup</translation>
    </message>
    <message>
        <source>O backup não pôde ser restaurado. Registro técnico: {path}</source>
        <translation>The backup could not be restored. Technical log: {path}</translation>
    </message>
    <message>
        <source>Cópia de segurança restaurada. O arquivo danificado foi guardado, sem alterações, em {path}.</source>
        <translation>Backup restored. The damaged file was kept, unchanged, in {path}.</translation>
    </message>
    <message>
        <source>Cópia de segurança restaurada. O arquivo anterior foi guardado em {path}.</source>
        <translation>Backup restored. The previous file was kept in {path}.</translation>
    </message>
</context>
<context>
    <name>LixeiraPage</name>
    <message>
        <source>Alunos e turmas excluídos ficam aqui, com tudo o que foi junto, até a lixeira ser esvaziada. Restaurar põe o registro de volta exatamente como estava.</source>
        <translation>Deleted students and classes stay here, with everything that went with them, until the trash is emptied. Restore puts the record back exactly as it was.</translation>
    </message>
    <message>
        <source>A lixeira está vazia.</source>
        <translation>The trash is empty.</translation>
    </message>
    <message>
        <source>Restaurar</source>
        <translation>Restore</translation>
    </message>
    <message>
        <source>Põe o registro selecionado de volta, com tudo o que foi junto</source>
        <translation>Puts the selected record back, with everything that went with it</translation>
    </message>
    <message>
        <source>Excluir definitivamente…</source>
        <translation>Delete permanently…</translation>
    </message>
    <message>
        <source>Esvaziar lixeira…</source>
        <translation>Empty trash…</translation>
    </message>
    <message>
        <source>Não foi possível restaurar</source>
        <translation>Could not restore</translation>
    </message>
    <message>
        <source>Turma {nome} restaurada.</source>
        <translation>Class {nome} restored.</translation>
    </message>
    <message>
        <source>Aluno {nome} restaurado.</source>
        <translation>Student {nome} restored.</translation>
    </message>
    <message>
        <source>Excluir definitivamente o aluno {descricao}?</source>
        <translation>Permanently delete the student {descricao}?</translation>
    </message>
    <message>
        <source>Excluir definitivamente a turma {descricao}?</source>
        <translation>Permanently delete the class {descricao}?</translation>
    </message>
    <message>
        <source>Vai junto: {resumo}.</source>
        <translation>Goes with it: {resumo}.</translation>
    </message>
    <message>
        <source>Depois disso não será possível restaurar.</source>
        <translation>After this it will not be possible to restore.</translation>
    </message>
    <message>
        <source>O histórico de alterações do aluno também será apagado. Os backups feitos antes continuam guardando esses dados.</source>
        <translation>The student&apos;s change history will be deleted too. Backups made before still keep this data.</translation>
    </message>
    <message>
        <source>Excluir definitivamente</source>
        <translation>Delete permanently</translation>
    </message>
    <message>
        <source>Esvaziar a lixeira? O item que está nela será excluído definitivamente e não poderá ser restaurado.</source>
        <translation>Empty the trash? The item in it will be deleted permanently and cannot be restored.</translation>
    </message>
    <message>
        <source>Esvaziar a lixeira? Os {n} itens que estão nela serão excluídos definitivamente e não poderão ser restaurados.</source>
        <translation>Empty the trash? The {n} items in it will be deleted permanently and cannot be restored.</translation>
    </message>
    <message>
        <source>O histórico de alterações dos alunos também será apagado. Os backups feitos antes continuam guardando esses dados.</source>
        <translation>The students&apos; change history will be deleted too. Backups made before still keep this data.</translation>
    </message>
    <message>
        <source>Esvaziar lixeira</source>
        <translation>Empty trash</translation>
    </message>
</context>
<context>
    <name>LixeiraTableModel</name>
    <message>
        <source>Aluno</source>
        <translation>Student</translation>
    </message>
    <message>
        <source>Turma</source>
        <translation>Class</translation>
    </message>
    <message>
        <source>Tipo</source>
        <translation>Type</translation>
    </message>
    <message>
        <source>Descrição</source>
        <translation>Description</translation>
    </message>
    <message>
        <source>O que foi junto</source>
        <translation>What went with it</translation>
    </message>
    <message>
        <source>Excluído em</source>
        <translation>Deleted on</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>Escola — Secretaria</source>
        <translation>Escola — School office</translation>
    </message>
    <message>
        <source>Buscar por nome…</source>
        <translation>Search by name…</translation>
    </message>
    <message>
        <source>Buscar por aluno ou curso…</source>
        <translation>Search by student or course…</translation>
    </message>
    <message>
        <source>Busca pelo nome (sem ligar para acentos), CPF, e-mail ou RA</source>
        <translation>Searches the name (ignoring accents), CPF, e-mail or RA</translation>
    </message>
    <message>
        <source>Ficha…</source>
        <translation>Record…</translation>
    </message>
    <message>
        <source>Ficha do aluno selecionado, para imprimir ou salvar em PDF</source>
        <translation>Record of the selected student, to print or save as PDF</translation>
    </message>
    <message>
        <source>Páginas</source>
        <translation>Pages</translation>
    </message>
    <message>
        <source>Alunos</source>
        <translation>Students</translation>
    </message>
    <message>
        <source>Turmas</source>
        <translation>Classes</translation>
    </message>
    <message>
        <source>Notas</source>
        <translation>Grades</translation>
    </message>
    <message>
        <source>Frequência</source>
        <translation>Attendance</translation>
    </message>
    <message>
        <source>Relatórios</source>
        <translation>Reports</translation>
    </message>
    <message>
        <source>Cursos</source>
        <translation>Courses</translation>
    </message>
    <message>
        <source>Matrículas em cursos</source>
        <translation>Course enrollments</translation>
    </message>
    <message>
        <source>Configurações</source>
        <translation>Settings</translation>
    </message>
    <message>
        <source>Lixeira</source>
        <translation>Trash</translation>
    </message>
    <message>
        <source>Verificando o arquivo… Enquanto isso, é possível consultar a lista, mas não alterar nada.</source>
        <translation>Checking the file… Meanwhile you can look through the list, but not change anything.</translation>
    </message>
    <message>
        <source>Arquivo verificado.</source>
        <translation>File checked.</translation>
    </message>
    <message>
        <source>&amp;Arquivo</source>
        <translation>&amp;File</translation>
    </message>
    <message>
        <source>&amp;Novo aluno…</source>
        <translation>&amp;New student…</translation>
    </message>
    <message>
        <source>Novo &amp;curso…</source>
        <translation>New &amp;course…</translation>
    </message>
    <message>
        <source>Nova &amp;matrícula…</source>
        <translation>New &amp;enrollment…</translation>
    </message>
    <message>
        <source>&amp;Importar alunos…</source>
        <translation>&amp;Import students…</translation>
    </message>
    <message>
        <source>Cadastra ou atualiza alunos a partir de uma planilha</source>
        <translation>Adds or updates students from a spreadsheet</translation>
    </message>
    <message>
        <source>E&amp;xportar alunos…</source>
        <translation>E&amp;xport students…</translation>
    </message>
    <message>
        <source>Grava a lista de alunos em uma planilha</source>
        <translation>Saves the list of students to a spreadsheet</translation>
    </message>
    <message>
        <source>Exportar &amp;lista…</source>
        <translation>Export &amp;list…</translation>
    </message>
    <message>
        <source>Grava a lista mostrada nesta página (alunos, turma, notas...) em uma planilha</source>
        <translation>Saves the list shown on this page (students, class, grades...) to a spreadsheet</translation>
    </message>
    <message>
        <source>Fazer &amp;backup agora</source>
        <translation>&amp;Back up now</translation>
    </message>
    <message>
        <source>Grava uma cópia de segurança verificada do arquivo de dados na pasta backups</source>
        <translation>Saves a checked backup of the data file in the backups folder</translation>
    </message>
    <message>
        <source>Salvar uma &amp;cópia em outro lugar…</source>
        <translation>Save a &amp;copy elsewhere…</translation>
    </message>
    <message>
        <source>Grava uma cópia verificada do arquivo de dados onde você escolher, como um pen drive</source>
        <translation>Writes a verified copy of the data file wherever you choose, such as a USB stick</translation>
    </message>
    <message>
        <source>&amp;Restaurar backup…</source>
        <translation>&amp;Restore backup…</translation>
    </message>
    <message>
        <source>Põe uma cópia de segurança no lugar do arquivo de dados, guardando o atual ao lado</source>
        <translation>Puts a backup in place of the data file, keeping the current one next to it</translation>
    </message>
    <message>
        <source>&amp;Voltar para uma versão anterior…</source>
        <translation>&amp;Go back to an earlier version…</translation>
    </message>
    <message>
        <source>Leva o arquivo de dados ao formato de uma versão anterior do Escola, e fecha o Escola</source>
        <translation>Takes the data file to the format of an earlier version of Escola, and closes Escola</translation>
    </message>
    <message>
        <source>&amp;Sair</source>
        <translation>&amp;Quit</translation>
    </message>
    <message>
        <source>&amp;Editar</source>
        <translation>&amp;Edit</translation>
    </message>
    <message>
        <source>&amp;Desfazer</source>
        <translation>&amp;Undo</translation>
    </message>
    <message>
        <source>&amp;Refazer</source>
        <translation>&amp;Redo</translation>
    </message>
    <message>
        <source>&amp;Buscar</source>
        <translation>&amp;Search</translation>
    </message>
    <message>
        <source>&amp;Editar selecionado…</source>
        <translation>&amp;Edit selected…</translation>
    </message>
    <message>
        <source>E&amp;xcluir</source>
        <translation>De&amp;lete</translation>
    </message>
    <message>
        <source>&amp;Relatórios</source>
        <translation>&amp;Reports</translation>
    </message>
    <message>
        <source>&amp;Ficha do aluno…</source>
        <translation>&amp;Student record…</translation>
    </message>
    <message>
        <source>Ficha do aluno selecionado na aba Alunos</source>
        <translation>Record of the student selected on the Students tab</translation>
    </message>
    <message>
        <source>&amp;Boletins, histórico, atestado e ata…</source>
        <translation>&amp;Report cards, transcript, certificate and minutes…</translation>
    </message>
    <message>
        <source>Abre a página Relatórios</source>
        <translation>Opens the Reports page</translation>
    </message>
    <message>
        <source>Aj&amp;uda</source>
        <translation>&amp;Help</translation>
    </message>
    <message>
        <source>&amp;Sobre o Escola…</source>
        <translation>&amp;About Escola…</translation>
    </message>
    <message>
        <source>Banco de dados: {path}</source>
        <translation>Database: {path}</translation>
    </message>
    <message>
        <source>Revisão do esquema: {rev}</source>
        <translation>Schema revision: {rev}</translation>
    </message>
    <message>
        <source>Backup %p%</source>
        <translation>Backup %p%</translation>
    </message>
    <message>
        <source>Cópia de segurança automática do dia, feita enquanto o Escola está parado</source>
        <translation>Daily automatic backup, made while Escola is idle</translation>
    </message>
    <message>
        <source>&lt;b&gt;Sem cópias de segurança&lt;/b&gt; — as cópias automáticas deste arquivo não podem ser feitas: {reason}. Os dados continuam gravados no arquivo, mas sem cópia. Corrija isso, ou use Arquivo → Salvar uma cópia em outro lugar.</source>
        <translation>&lt;b&gt;No backups&lt;/b&gt; — the automatic backups of this file cannot be made: {reason}. The data is still saved in the file, but without a copy. Fix this, or use File → Save a copy elsewhere.</translation>
    </message>
    <message>
        <source>a cópia do dia falhou (o registro técnico diz por quê)</source>
        <translation>the day&apos;s copy failed (the technical log says why)</translation>
    </message>
    <message>
        <source>Cópia de segurança automática do dia gravada em {path}.</source>
        <translation>Daily automatic backup saved to {path}.</translation>
    </message>
    <message>
        <source>&lt;b&gt;Somente leitura&lt;/b&gt; — este arquivo não pode ser gravado: {reason}. As alterações estão desativadas; é possível consultar, imprimir e exportar, mas nada é gravado.</source>
        <translation>&lt;b&gt;Read-only&lt;/b&gt; — this file cannot be written: {reason}. Changes are disabled; you can look up, print and export, but nothing is saved.</translation>
    </message>
    <message>
        <source>&amp;Ver selecionado…</source>
        <translation>&amp;View selected…</translation>
    </message>
    <message>
        <source>A pasta dos backups não pode ser gravada: {reason}</source>
        <translation>The backup folder cannot be written: {reason}</translation>
    </message>
    <message>
        <source>Também será excluída 1 matrícula.</source>
        <translation>1 enrollment will be deleted too.</translation>
    </message>
    <message>
        <source>Também serão excluídas {n} matrículas.</source>
        <translation>{n} enrollments will be deleted too.</translation>
    </message>
    <message>
        <source>Também serão excluídos o histórico nas turmas ({turmas}), {notas} e {frequencias}.</source>
        <translation>The class history ({turmas}), {notas} and {frequencias} will be deleted too.</translation>
    </message>
    <message>
        <source>nenhuma nota</source>
        <translation>no grades</translation>
    </message>
    <message>
        <source>nenhum registro de frequência</source>
        <translation>no attendance records</translation>
    </message>
    <message>
        <source>Também será excluído o responsável {nome}, que não tem outro aluno.</source>
        <translation>The guardian {nome}, who has no other student, will be deleted too.</translation>
    </message>
    <message>
        <source>Também serão excluídos os responsáveis {nomes}, que não têm outro aluno.</source>
        <translation>The guardians {nomes}, who have no other student, will be deleted too.</translation>
    </message>
    <message>
        <source>Confirmar exclusão</source>
        <translation>Confirm deletion</translation>
    </message>
    <message>
        <source>Excluir o aluno {nome}?</source>
        <translation>Delete the student {nome}?</translation>
    </message>
    <message>
        <source>O aluno vai para a Lixeira e pode ser restaurado até a lixeira ser esvaziada.</source>
        <translation>The student goes to the Trash and can be restored until the trash is emptied.</translation>
    </message>
    <message>
        <source>Aluno {nome} movido para a Lixeira.</source>
        <translation>Student {nome} moved to the Trash.</translation>
    </message>
    <message>
        <source>Excluir o curso {nome}?</source>
        <translation>Delete the course {nome}?</translation>
    </message>
    <message>
        <source>Curso {nome} excluído.</source>
        <translation>Course {nome} deleted.</translation>
    </message>
    <message>
        <source>Excluir a matrícula de {aluno} em {curso}?</source>
        <translation>Delete the enrollment of {aluno} in {curso}?</translation>
    </message>
    <message>
        <source>Matrícula de {aluno} em {curso} excluída.</source>
        <translation>Enrolment of {aluno} in {curso} deleted.</translation>
    </message>
    <message>
        <source>Importar alunos</source>
        <translation>Import students</translation>
    </message>
    <message>
        <source>Exportar alunos</source>
        <translation>Export students</translation>
    </message>
    <message>
        <source>O arquivo {name} já existe. Substituir?</source>
        <translation>The file {name} already exists. Replace it?</translation>
    </message>
    <message>
        <source>Esta página não mostra uma lista para exportar.</source>
        <translation>This page does not show a list to export.</translation>
    </message>
    <message>
        <source>Ficha do aluno</source>
        <translation>Student record</translation>
    </message>
    <message>
        <source>Este aluno não existe mais; talvez tenha sido excluído.</source>
        <translation>This student no longer exists; they may have been deleted.</translation>
    </message>
    <message>
        <source>PDF salvo em {path}.</source>
        <translation>PDF saved to {path}.</translation>
    </message>
    <message>
        <source>&lt;p&gt;&lt;b&gt;Escola&lt;/b&gt; {version}&lt;/p&gt;&lt;p&gt;Registros escolares da secretaria: alunos, turmas, notas, frequência, boletins e histórico.&lt;/p&gt;&lt;p&gt;Revisão do esquema: {rev}&lt;br&gt;Banco de dados: {path}&lt;br&gt;Registro (log): {log}&lt;/p&gt;</source>
        <translation>&lt;p&gt;&lt;b&gt;Escola&lt;/b&gt; {version}&lt;/p&gt;&lt;p&gt;The school office&apos;s student records: students, classes, grades, attendance, report cards and transcripts.&lt;/p&gt;&lt;p&gt;Schema revision: {rev}&lt;br&gt;Database: {path}&lt;br&gt;Log: {log}&lt;/p&gt;</translation>
    </message>
    <message>
        <source>Sobre o Escola</source>
        <translation>About Escola</translation>
    </message>
    <message>
        <source>Fazer backup agora</source>
        <translation>Back up now</translation>
    </message>
    <message>
        <source>Cópia de segurança gravada em {path}.</source>
        <translation>Backup saved to {path}.</translation>
    </message>
    <message>
        <source>Cópia de segurança gravada em {path}.

Quer salvar também uma cópia fora deste computador, em um pen drive ou em outra pasta?</source>
        <translation>Backup written to {path}.

Do you also want to save a copy outside this computer, on a USB stick or in another folder?</translation>
    </message>
    <message>
        <source>Salvar uma cópia em outro lugar…</source>
        <translation>Save a copy elsewhere…</translation>
    </message>
    <message>
        <source>Agora não</source>
        <translation>Not now</translation>
    </message>
    <message>
        <source>Salvar uma cópia em outro lugar</source>
        <translation>Save a copy elsewhere</translation>
    </message>
    <message>
        <source>Arquivo de dados do Escola (*.sqlite3)</source>
        <translation>Escola data file (*.sqlite3)</translation>
    </message>
    <message>
        <source>Cópia verificada salva em {path}.</source>
        <translation>Verified copy saved to {path}.</translation>
    </message>
    <message>
        <source>Restaurar backup</source>
        <translation>Restore backup</translation>
    </message>
    <message>
        <source>&amp;Primeiros passos</source>
        <translation>&amp;Getting started</translation>
    </message>
    <message>
        <source>O que cadastrar primeiro, passo a passo</source>
        <translation>What to register first, step by step</translation>
    </message>
</context>
<context>
    <name>MatriculaCursoTableModel</name>
    <message>
        <source>Curso</source>
        <translation>Course</translation>
    </message>
    <message>
        <source>Data da matrícula</source>
        <translation>Enrollment date</translation>
    </message>
    <message>
        <source>não informada</source>
        <translation>not given</translation>
    </message>
    <message>
        <source>Observações</source>
        <translation>Notes</translation>
    </message>
</context>
<context>
    <name>MatriculaDialog</name>
    <message>
        <source>Nova matrícula</source>
        <translation>New enrollment</translation>
    </message>
    <message>
        <source>Editar matrícula</source>
        <translation>Edit enrollment</translation>
    </message>
    <message>
        <source>Escolha o aluno</source>
        <translation>Choose the student</translation>
    </message>
    <message>
        <source>Escolha o curso</source>
        <translation>Choose the course</translation>
    </message>
    <message>
        <source>não informada</source>
        <translation>not given</translation>
    </message>
    <message>
        <source>A data desta matrícula não pôde ser lida no arquivo antigo (veja as observações). Informe a data correta para salvar.</source>
        <translation>The date of this enrollment could not be read from the old file (see the notes). Enter the correct date to save.</translation>
    </message>
    <message>
        <source>&amp;Aluno:</source>
        <translation>&amp;Student:</translation>
    </message>
    <message>
        <source>&amp;Curso:</source>
        <translation>&amp;Course:</translation>
    </message>
    <message>
        <source>&amp;Data da matrícula:</source>
        <translation>Enrollment &amp;date:</translation>
    </message>
    <message>
        <source>&amp;Observações:</source>
        <translation>&amp;Notes:</translation>
    </message>
    <message>
        <source>Aluno</source>
        <translation>Student</translation>
    </message>
    <message>
        <source>Curso</source>
        <translation>Course</translation>
    </message>
    <message>
        <source>Data da matrícula</source>
        <translation>Enrollment date</translation>
    </message>
    <message>
        <source>Observações</source>
        <translation>Notes</translation>
    </message>
</context>
<context>
    <name>MatriculaTableModel</name>
    <message>
        <source>não informada</source>
        <translation>not given</translation>
    </message>
    <message>
        <source>Aluno</source>
        <translation>Student</translation>
    </message>
    <message>
        <source>Curso</source>
        <translation>Course</translation>
    </message>
    <message>
        <source>Data da matrícula</source>
        <translation>Enrollment date</translation>
    </message>
    <message>
        <source>Observações</source>
        <translation>Notes</translation>
    </message>
</context>
<context>
    <name>MatriculasPanel</name>
    <message>
        <source>As turmas e os cursos do aluno aparecem aqui depois que ele for salvo. Para colocá-lo em uma turma, use a página Turmas.</source>
        <translation>The student&apos;s classes and courses appear here once the student is saved. To place the student in a class, use the Classes page.</translation>
    </message>
    <message>
        <source>Somente consulta. Para colocar o aluno em uma turma ou mudar a situação, use a página Turmas.</source>
        <translation>View only. To place the student in a class or change the status, use the Classes page.</translation>
    </message>
    <message>
        <source>Turmas</source>
        <translation>Classes</translation>
    </message>
    <message>
        <source>O aluno ainda não esteve em nenhuma turma.</source>
        <translation>The student has not been in any class yet.</translation>
    </message>
    <message>
        <source>Matrículas em cursos</source>
        <translation>Course enrollments</translation>
    </message>
    <message>
        <source>Nenhuma matrícula em cursos.</source>
        <translation>No course enrollments.</translation>
    </message>
</context>
<context>
    <name>NewerFileDialog</name>
    <message>
        <source>Arquivo de uma versão mais nova do Escola</source>
        <translation>File from a newer version of Escola</translation>
    </message>
    <message>
        <source>Esta é a versão {this}, que não pode abri-lo. Nada foi alterado no arquivo.</source>
        <translation>This is version {this}, which cannot open it. Nothing was changed in the file.</translation>
    </message>
    <message>
        <source>Arquivo: {path}</source>
        <translation>File: {path}</translation>
    </message>
    <message>
        <source>Há uma cópia de segurança feita antes de uma atualização, que esta versão sabe abrir:</source>
        <translation>There is a backup made before an upgrade that this version can open:</translation>
    </message>
    <message>
        <source>Há cópias de segurança feitas antes de atualizações, que esta versão sabe abrir:</source>
        <translation>There are backups made before upgrades that this version can open:</translation>
    </message>
    <message>
        <source>O que foi digitado depois dessa cópia fica apenas no arquivo atual, que é guardado ao lado, sem alterações, como {aside}. Se a cópia for de uma versão anterior, ela é atualizada para esta versão antes de abrir.</source>
        <translation>What was typed after that copy stays only in the current file, which is kept next to it, unchanged, as {aside}. If the copy is from an earlier version, it is upgraded to this version before opening.</translation>
    </message>
    <message>
        <source>Restaurar esta cópia</source>
        <translation>Restore this copy</translation>
    </message>
    <message>
        <source>Não há cópia de segurança feita antes de uma atualização que esta versão possa abrir.</source>
        <translation>There is no backup made before an upgrade that this version can open.</translation>
    </message>
</context>
<context>
    <name>NotasModel</name>
    <message>
        <source>{n}º bim.</source>
        <translation>Q{n}</translation>
    </message>
    <message>
        <source>{n}º trim.</source>
        <translation>T{n}</translation>
    </message>
    <message>
        <source>{n}º sem.</source>
        <translation>S{n}</translation>
    </message>
    <message>
        <source>nota</source>
        <extracomment>The períodos (numbers) whose aulas dadas are entered; None: the totals are the year&apos;s. Excused from the disciplina (a dispensa): the situação shows Dispensado.</extracomment>
        <translation>grade</translation>
    </message>
    <message>
        <source>notas</source>
        <translation>grades</translation>
    </message>
    <message>
        <source>Aluno</source>
        <translation>Student</translation>
    </message>
    <message>
        <source>Nota do {periodo}</source>
        <translation>Grade for {periodo}</translation>
    </message>
    <message>
        <source>Rec. {n}º</source>
        <translation>Make-up {n}</translation>
    </message>
    <message>
        <source>Recuperação do {periodo}: substitui a menor nota do ano, se for maior</source>
        <translation>Make-up for {periodo}: replaces the lowest grade of the year, if higher</translation>
    </message>
    <message>
        <source>Rec. final</source>
        <translation>Final make-up</translation>
    </message>
    <message>
        <source>Recuperação final: substitui a média, se for maior</source>
        <translation>Final make-up: replaces the average, if higher</translation>
    </message>
    <message>
        <source>Média</source>
        <translation>Average</translation>
    </message>
    <message>
        <source>Calculada quando todos os períodos têm nota</source>
        <translation>Calculated when every term has a grade</translation>
    </message>
    <message>
        <source>Situação</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>Recuperação final de {aluno} em {disciplina}</source>
        <translation>Final make-up of {aluno} in {disciplina}</translation>
    </message>
    <message>
        <source>Recuperação de {aluno} em {disciplina}, {periodo}</source>
        <translation>Make-up of {aluno} in {disciplina}, {periodo}</translation>
    </message>
    <message>
        <source>Nota de {aluno} em {disciplina}, {periodo}</source>
        <translation>Grade of {aluno} in {disciplina}, {periodo}</translation>
    </message>
    <message>
        <source>{aluno} saiu da turma: as notas ficam como estavam.</source>
        <translation>{aluno} left the class: the grades stay as they were.</translation>
    </message>
    <message>
        <source>Frequência na disciplina até agora: {percentual} ({faltas} em {aulas} aulas)</source>
        <translation>Attendance in the subject so far: {percentual} ({faltas} in {aulas} lessons)</translation>
    </message>
    <message>
        <source>Frequência na disciplina: {percentual} ({faltas} em {aulas} aulas)</source>
        <translation>Attendance in the subject: {percentual} ({faltas} in {aulas} lessons)</translation>
    </message>
    <message>
        <source>1 falta</source>
        <translation>1 absence</translation>
    </message>
    <message>
        <source>{n} faltas</source>
        <translation>{n} absences</translation>
    </message>
    <message>
        <source>Situação provisória: a situação final aparece quando o ano letivo for encerrado, ou quando todas as notas, as faltas de todos os períodos e a recuperação necessária estiverem lançadas.</source>
        <translation>Provisional status: the final status appears when the school year is closed, or when every grade, the absences of every term and any recovery needed have been entered.</translation>
    </message>
</context>
<context>
    <name>NotasPage</name>
    <message>
        <source>Digite a nota (como 7,5) e tecle Enter para ir ao próximo aluno; Tab vai para a coluna ao lado. Delete apaga, Ctrl+Z desfaz e Ctrl+Shift+Z refaz. Ctrl+V cola notas copiadas de uma planilha.</source>
        <translation>Type the grade (like 7,5) and press Enter to go to the next student; Tab goes to the next column. Delete clears, Ctrl+Z undoes and Ctrl+Shift+Z redoes. Ctrl+V pastes grades copied from a spreadsheet.</translation>
    </message>
    <message>
        <source>Digite o conceito (como B) e tecle Enter para ir ao próximo aluno; Tab vai para a coluna ao lado. Delete apaga, Ctrl+Z desfaz e Ctrl+Shift+Z refaz. Ctrl+V cola conceitos copiados de uma planilha.</source>
        <translation>Type the letter grade (such as B) and press Enter to go to the next student; Tab goes to the next column. Delete erases, Ctrl+Z undoes and Ctrl+Shift+Z redoes. Ctrl+V pastes letter grades copied from a spreadsheet.</translation>
    </message>
    <message>
        <source>Digite o parecer descritivo do período e tecle Enter; passe o mouse sobre a célula para lê-lo inteiro. Delete apaga, Ctrl+Z desfaz e Ctrl+Shift+Z refaz.</source>
        <translation>Type the term&apos;s descriptive report and press Enter; hover over the cell to read it whole. Delete erases, Ctrl+Z undoes and Ctrl+Shift+Z redoes.</translation>
    </message>
    <message>
        <source>Esta turma ainda não tem alunos. Enturme alunos na página Turmas.</source>
        <translation>This class has no students yet. Assign students on the Classes page.</translation>
    </message>
    <message>
        <source>Abrir Turmas</source>
        <translation>Open Classes</translation>
    </message>
    <message>
        <source>Média para aprovação: {media}</source>
        <translation>Passing average: {media}</translation>
    </message>
    <message>
        <source>Notas de 0 a {escala}</source>
        <translation>Grades from 0 to {escala}</translation>
    </message>
    <message>
        <source>Conceitos {siglas} (aprovam: {aprovam})</source>
        <translation>Letter grades {siglas} (passing: {aprovam})</translation>
    </message>
    <message>
        <source>Parecer descritivo em cada período</source>
        <translation>Descriptive report in each term</translation>
    </message>
    <message>
        <source>sem retenção</source>
        <translation>no retention</translation>
    </message>
    <message>
        <source>frequência mínima: {minima} %</source>
        <translation>minimum attendance: {minima} %</translation>
    </message>
    <message>
        <source>sem recuperação</source>
        <translation>no make-up</translation>
    </message>
</context>
<context>
    <name>PendenciasDialog</name>
    <message>
        <source>{turma} · {disciplina} · {aluno} (RA {ra}): falta {faltam}</source>
        <translation>{turma} · {disciplina} · {aluno} (RA {ra}): missing {faltam}</translation>
    </message>
    <message>
        <source>Ano letivo {ano} não encerrado</source>
        <translation>School year {ano} not closed</translation>
    </message>
</context>
<context>
    <name>PlanilhaModel</name>
    <message>
        <source>valor</source>
        <extracomment>A value was refused; the argument says which cell and why (translated). Several cells were written at once (paste, clear, fill); the argument says what. An undo or redo wrote these cells (row, column): the view shows them. Singular and plural of what one editable cell holds, for the commands&apos; names.</extracomment>
        <translation>value</translation>
    </message>
    <message>
        <source>valores</source>
        <translation>values</translation>
    </message>
    <message>
        <source>o arquivo está aberto somente para leitura; as alterações estão desativadas.</source>
        <extracomment>The year of a closed (encerrado) ano letivo shown: then nothing is editable. The file is open read-only: nothing is editable, whatever the year. The disciplina of the grid, for the names of the commands (&quot;Nota de Ana em Matemática&quot;). The writes, one command each, for Ctrl+Z and Ctrl+Shift+Z (see :class:`_EscritaCommand`).</extracomment>
        <translation>the file is open read-only; changes are disabled.</translation>
    </message>
    <message>
        <source>o ano letivo {ano} está encerrado; para alterar, reabra-o em Configurações.</source>
        <translation>school year {ano} is closed; to change it, reopen it in Settings.</translation>
    </message>
    <message>
        <source>a coluna {coluna} não recebe valores.</source>
        <translation>column {coluna} does not take values.</translation>
    </message>
    <message>
        <source>{aluno} saiu da turma; os dados dele não podem mudar.</source>
        <translation>{aluno} left the class; their data cannot change.</translation>
    </message>
    <message>
        <source>Nada foi colado.</source>
        <translation>Nothing was pasted.</translation>
    </message>
    <message>
        <source>O trecho copiado tem {linhas} e {colunas} e não cabe na tabela a partir desta célula.</source>
        <translation>The copied block has {linhas} and {colunas} and does not fit in the table from this cell.</translation>
    </message>
    <message>
        <source>1 linha</source>
        <translation>1 row</translation>
    </message>
    <message>
        <source>{n} linhas</source>
        <translation>{n} rows</translation>
    </message>
    <message>
        <source>1 coluna</source>
        <translation>1 column</translation>
    </message>
    <message>
        <source>{n} colunas</source>
        <translation>{n} columns</translation>
    </message>
    <message>
        <source>Colar {quantos}</source>
        <translation>Paste {quantos}</translation>
    </message>
    <message>
        <source>1 valor colado e salvo.</source>
        <translation>1 value pasted and saved.</translation>
    </message>
    <message>
        <source>{n} valores colados e salvos.</source>
        <translation>{n} values pasted and saved.</translation>
    </message>
    <message>
        <source>Apagar: {celula}</source>
        <translation>Delete: {celula}</translation>
    </message>
    <message>
        <source>Apagar {quantos}</source>
        <translation>Delete {quantos}</translation>
    </message>
    <message>
        <source>Nada foi apagado.</source>
        <translation>Nothing was cleared.</translation>
    </message>
    <message>
        <source>1 valor apagado.</source>
        <translation>1 value cleared.</translation>
    </message>
    <message>
        <source>{n} valores apagados.</source>
        <translation>{n} values cleared.</translation>
    </message>
    <message>
        <source>Nada foi desfeito.</source>
        <translation>Nothing was undone.</translation>
    </message>
    <message>
        <source>Nada foi refeito.</source>
        <translation>Nothing was redone.</translation>
    </message>
    <message>
        <source>Um dos alunos ou períodos de “{nome}” não está mais nesta tabela.</source>
        <translation>One of the students or terms of “{nome}” is no longer in this table.</translation>
    </message>
    <message>
        <source>Desfeito: {nome}.</source>
        <translation>Undone: {nome}.</translation>
    </message>
    <message>
        <source>1 valor voltou ao que era antes.</source>
        <translation>1 value went back to what it was.</translation>
    </message>
    <message>
        <source>{n} valores voltaram ao que eram antes.</source>
        <translation>{n} values went back to what they were.</translation>
    </message>
    <message>
        <source>Refeito: {nome}.</source>
        <translation>Redone: {nome}.</translation>
    </message>
</context>
<context>
    <name>PrimeirosPassosDock</name>
    <message>
        <source>Primeiros passos</source>
        <translation>Getting started</translation>
    </message>
</context>
<context>
    <name>PrimeirosPassosPanel</name>
    <message>
        <source>Para começar, cadastre nesta ordem os dados da escola, o ano letivo, as disciplinas e as turmas. Cada botão abre a tela que faz isso; pule o que não precisar.</source>
        <translation>To begin, register in this order the school&apos;s details, the school year, the subjects and the classes. Each button opens the screen that does it; skip what you do not need.</translation>
    </message>
    <message>
        <source>1. Dados da escola</source>
        <translation>1. School details</translation>
    </message>
    <message>
        <source>Nome, código INEP, endereço e telefone, que saem nos boletins e documentos.</source>
        <translation>Name, INEP code, address and phone, printed on report cards and documents.</translation>
    </message>
    <message>
        <source>Preencher os dados…</source>
        <translation>Fill in the details…</translation>
    </message>
    <message>
        <source>2. Ano letivo</source>
        <translation>2. School year</translation>
    </message>
    <message>
        <source>O ano, seus bimestres ou trimestres e a regra de avaliação.</source>
        <translation>The year, its quarters or trimesters and the assessment rule.</translation>
    </message>
    <message>
        <source>Cadastrar o ano letivo…</source>
        <translation>Register the school year…</translation>
    </message>
    <message>
        <source>3. Disciplinas</source>
        <translation>3. Subjects</translation>
    </message>
    <message>
        <source>As disciplinas que as turmas estudam, como Língua Portuguesa e Matemática.</source>
        <translation>The subjects the classes study, such as Portuguese and Mathematics.</translation>
    </message>
    <message>
        <source>Cadastrar as disciplinas…</source>
        <translation>Register the subjects…</translation>
    </message>
    <message>
        <source>4. Turmas</source>
        <translation>4. Classes</translation>
    </message>
    <message>
        <source>As turmas do ano letivo, com suas disciplinas; depois, os alunos de cada uma.</source>
        <translation>The classes of the school year, with their subjects; then the students of each one.</translation>
    </message>
    <message>
        <source>Criar as turmas…</source>
        <translation>Create the classes…</translation>
    </message>
    <message>
        <source>Ou, se os alunos já estão em uma planilha</source>
        <translation>Or, if the students are already in a spreadsheet</translation>
    </message>
    <message>
        <source>Importe a lista (CSV ou Excel): o Escola confere cada linha antes de gravar.</source>
        <translation>Import the list (CSV or Excel): Escola checks each line before saving.</translation>
    </message>
    <message>
        <source>Importar uma planilha…</source>
        <translation>Import a spreadsheet…</translation>
    </message>
    <message>
        <source>Pular</source>
        <translation>Skip</translation>
    </message>
    <message>
        <source>Para ver este guia de novo: Ajuda → Primeiros passos.</source>
        <translation>To see this guide again: Help → Getting started.</translation>
    </message>
    <message>
        <source>Fechar o guia</source>
        <translation>Close the guide</translation>
    </message>
    <message>
        <source>✓ Feito</source>
        <translation>✓ Done</translation>
    </message>
    <message>
        <source>Pulado</source>
        <translation>Skipped</translation>
    </message>
</context>
<context>
    <name>ReabrirDialog</name>
    <message>
        <source>Reabrir o ano letivo {ano}</source>
        <translation>Reopen the {ano} school year</translation>
    </message>
    <message>
        <source>Reabrir permite alterar de novo notas, frequência e turmas de {ano}; os boletins voltam a mostrar resultados provisórios até o ano ser encerrado outra vez. O motivo fica no histórico de alterações.</source>
        <translation>Reopening lets grades, attendance and classes of {ano} change again; report cards show provisional results again until the year is closed once more. The reason is kept in the change history.</translation>
    </message>
    <message>
        <source>Motivo, como: nota de Matemática lançada errada</source>
        <translation>Reason, such as: a Math grade typed wrong</translation>
    </message>
    <message>
        <source>&amp;Reabrir</source>
        <translation>&amp;Reopen</translation>
    </message>
    <message>
        <source>Cancelar</source>
        <translation>Cancel</translation>
    </message>
</context>
<context>
    <name>ReclassificarDialog</name>
    <message>
        <source>Reclassificar {aluno}</source>
        <translation>Reclassify {aluno}</translation>
    </message>
    <message>
        <source>Reclassificar</source>
        <translation>Reclassify</translation>
    </message>
    <message>
        <source>{aluno} sai de {turma} e passa para uma turma de outra etapa, conforme a ata de reclassificação. Em {turma} fica registrado como Reclassificado, com as notas e a frequência que tinha; as notas dos períodos já passados na nova etapa são lançadas no diário da nova turma.</source>
        <translation>{aluno} leaves {turma} for a class of another stage, as the reclassification record says. In {turma} the student stays recorded as Reclassified, with the grades and attendance they had; the grades of the terms already past in the new stage are entered in the new class&apos;s diary.</translation>
    </message>
    <message>
        <source>Escolha a turma</source>
        <translation>Choose the class</translation>
    </message>
    <message>
        <source>Não há turma de outra etapa neste ano letivo</source>
        <translation>There is no class of another stage in this school year</translation>
    </message>
    <message>
        <source>{vagas} alunos</source>
        <translation>{vagas} students</translation>
    </message>
    <message>
        <source>Ex.: Ata nº 3/2026, de 30/03/2026</source>
        <translation>E.g.: Record no. 3/2026, of 30/03/2026</translation>
    </message>
    <message>
        <source>&amp;Nova turma:</source>
        <translation>&amp;New class:</translation>
    </message>
    <message>
        <source>&amp;Data da reclassificação:</source>
        <translation>&amp;Date of the reclassification:</translation>
    </message>
    <message>
        <source>&amp;Ata ou motivo:</source>
        <translation>&amp;Record or reason:</translation>
    </message>
    <message>
        <source>Escolha a turma para onde o aluno vai.</source>
        <translation>Choose the class the student goes to.</translation>
    </message>
</context>
<context>
    <name>RecordDialog</name>
    <message>
        <source>Salvar</source>
        <extracomment>The keys that redo in a form, whatever the platform&apos;s standard one is. Changes one after the other, while the field keeps the focus, are one command (a date typed digit by digit, a spin box stepped with the arrows). Counts the times the field got the focus, to tell one typing session from the next. The value when the form opened (or was last loaded): Cancelar asks only when one differs.</extracomment>
        <translation>Save</translation>
    </message>
    <message>
        <source>Cancelar</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <source>&amp;Desfazer</source>
        <translation>&amp;Undo</translation>
    </message>
    <message>
        <source>&amp;Refazer</source>
        <translation>&amp;Redo</translation>
    </message>
    <message>
        <source>Há campos a corrigir nesta aba.</source>
        <translation>There are fields to correct on this tab.</translation>
    </message>
    <message>
        <source>Registro não encontrado</source>
        <translation>Record not found</translation>
    </message>
    <message>
        <source>Este registro não existe mais; talvez tenha sido excluído.</source>
        <translation>This record no longer exists; it may have been deleted.</translation>
    </message>
</context>
<context>
    <name>RecordTab</name>
    <message>
        <source>1 aluno</source>
        <translation>1 student</translation>
    </message>
    <message>
        <source>{n} alunos</source>
        <translation>{n} students</translation>
    </message>
    <message>
        <source>Novo</source>
        <translation>New</translation>
    </message>
    <message>
        <source>Editar</source>
        <translation>Edit</translation>
    </message>
    <message>
        <source>Excluir</source>
        <translation>Delete</translation>
    </message>
    <message>
        <source>Mostrar inativos</source>
        <translation>Show inactive</translation>
    </message>
    <message>
        <source>Ver…</source>
        <translation>View…</translation>
    </message>
</context>
<context>
    <name>RegraAvaliacaoDialog</name>
    <message>
        <source>Nova regra de avaliação</source>
        <translation>New evaluation rule</translation>
    </message>
    <message>
        <source>Editar regra de avaliação</source>
        <translation>Edit evaluation rule</translation>
    </message>
    <message>
        <source>Ex.: Anos iniciais — notas de 0 a 10</source>
        <translation>E.g.: Early years — grades from 0 to 10</translation>
    </message>
    <message>
        <source>Notas</source>
        <translation>Grades</translation>
    </message>
    <message>
        <source>Conceitos</source>
        <translation>Letter grades</translation>
    </message>
    <message>
        <source>Parecer descritivo</source>
        <translation>Descriptive report</translation>
    </message>
    <message>
        <source>De 0 a 10</source>
        <translation>From 0 to 10</translation>
    </message>
    <message>
        <source>De 0 a 100</source>
        <translation>From 0 to 100</translation>
    </message>
    <message>
        <source>Ex.: 6,0</source>
        <translation>E.g.: 6,0</translation>
    </message>
    <message>
        <source>Sem recuperação</source>
        <translation>No make-up</translation>
    </message>
    <message>
        <source>Também uma recuperação final (exame) depois do último período</source>
        <translation>Also a final make-up (exam) after the last term</translation>
    </message>
    <message>
        <source>Ex.: 0,5 (vazio: sem arredondamento)</source>
        <translation>E.g.: 0,5 (empty: no rounding)</translation>
    </message>
    <message>
        <source>Ex.: A, B, C</source>
        <translation>E.g.: A, B, C</translation>
    </message>
    <message>
        <source>Ex.: D, E</source>
        <translation>E.g.: D, E</translation>
    </message>
    <message>
        <source>Sem retenção: nem notas nem frequência retêm o aluno (LDB art. 31)</source>
        <translation>No retention: neither grades nor attendance hold the student back (LDB art. 31)</translation>
    </message>
    <message>
        <source>Nenhuma</source>
        <translation>None</translation>
    </message>
    <message>
        <source>&amp;Nome:</source>
        <translation>&amp;Name:</translation>
    </message>
    <message>
        <source>&amp;Avaliação por:</source>
        <translation>&amp;Evaluation by:</translation>
    </message>
    <message>
        <source>E&amp;scala das notas:</source>
        <translation>Grade s&amp;cale:</translation>
    </message>
    <message>
        <source>&amp;Média para aprovação:</source>
        <translation>&amp;Passing average:</translation>
    </message>
    <message>
        <source>&amp;Frequência mínima:</source>
        <translation>Minimum a&amp;ttendance:</translation>
    </message>
    <message>
        <source>&amp;Recuperação:</source>
        <translation>&amp;Make-up:</translation>
    </message>
    <message>
        <source>Arre&amp;dondar a média para múltiplos de:</source>
        <translation>R&amp;ound the average to multiples of:</translation>
    </message>
    <message>
        <source>Conceitos que a&amp;provam:</source>
        <translation>Letter grades that &amp;pass:</translation>
    </message>
    <message>
        <source>Conceitos que não apr&amp;ovam:</source>
        <translation>Letter grades that &amp;fail:</translation>
    </message>
    <message>
        <source>&amp;Dependências permitidas:</source>
        <translation>&amp;Dependencies allowed:</translation>
    </message>
    <message>
        <source>Os períodos e a fórmula da média são os do ano letivo. Conceitos: do melhor para o pior; vazios, valem A, B e C (aprovam), D e E.</source>
        <translation>The terms and the average formula are the school year&apos;s. Letter grades: from best to worst; if empty, A, B and C (passing), D and E apply.</translation>
    </message>
</context>
<context>
    <name>RegraAvaliacaoTableModel</name>
    <message>
        <source>, sem retenção</source>
        <translation>, no retention</translation>
    </message>
    <message>
        <source>Regra</source>
        <translation>Rule</translation>
    </message>
    <message>
        <source>Avaliação</source>
        <translation>Evaluation</translation>
    </message>
    <message>
        <source>Etapas</source>
        <translation>Stages</translation>
    </message>
    <message>
        <source>Turmas</source>
        <translation>Classes</translation>
    </message>
</context>
<context>
    <name>RegrasPanel</name>
    <message>
        <source>Como as turmas são avaliadas: notas, conceitos ou parecer descritivo, média, frequência mínima e recuperação. Escolha a regra de cada etapa na aba Etapas, ou a de uma turma no cadastro dela; sem regra escolhida, vale a do ano letivo.</source>
        <translation>How the classes are evaluated: grades, letter grades or descriptive report, average, minimum attendance and make-up. Choose the rule of each stage on the Stages tab, or a class&apos;s in its record; with no rule chosen, the school year&apos;s applies.</translation>
    </message>
    <message>
        <source>&amp;Nova regra…</source>
        <translation>&amp;New rule…</translation>
    </message>
    <message>
        <source>&amp;Editar…</source>
        <translation>&amp;Edit…</translation>
    </message>
    <message>
        <source>E&amp;xcluir…</source>
        <translation>&amp;Delete…</translation>
    </message>
    <message>
        <source>Nenhuma regra cadastrada. Clique em Nova regra… para cadastrar a primeira.</source>
        <translation>No rule recorded. Click New rule… to record the first one.</translation>
    </message>
    <message>
        <source>Excluir regra de avaliação</source>
        <translation>Delete evaluation rule</translation>
    </message>
    <message>
        <source>Excluir a regra de avaliação {nome}?</source>
        <translation>Delete the evaluation rule {nome}?</translation>
    </message>
</context>
<context>
    <name>RelatoriosPage</name>
    <message>
        <source>&amp;Relatório</source>
        <translation>&amp;Report</translation>
    </message>
    <message>
        <source>Buscar aluno por nome, RA, CPF ou e-mail…</source>
        <translation>Search student by name, RA, CPF or e-mail…</translation>
    </message>
    <message>
        <source>&amp;Ano e turma:</source>
        <translation>&amp;Year and class:</translation>
    </message>
    <message>
        <source>Ano &amp;letivo:</source>
        <translation>School &amp;year:</translation>
    </message>
    <message>
        <source>&amp;Turma:</source>
        <translation>&amp;Class:</translation>
    </message>
    <message>
        <source>&amp;Visualizar…</source>
        <translation>&amp;Preview…</translation>
    </message>
    <message>
        <source>Abre o relatório para conferir, imprimir ou salvar em PDF</source>
        <translation>Opens the report to check, print or save as PDF</translation>
    </message>
    <message>
        <source>&amp;Salvar PDF…</source>
        <translation>&amp;Save PDF…</translation>
    </message>
    <message>
        <source>Grava o relatório em um arquivo PDF sem abri-lo antes</source>
        <translation>Saves the report to a PDF file without opening it first</translation>
    </message>
    <message>
        <source>Boletim escolar</source>
        <translation>Report card</translation>
    </message>
    <message>
        <source>Notas, faltas, frequência e situação de um aluno em um ano letivo.</source>
        <translation>Grades, absences, attendance and status of one student in one school year.</translation>
    </message>
    <message>
        <source>Boletins da turma</source>
        <translation>Class report cards</translation>
    </message>
    <message>
        <source>O boletim de cada aluno da turma em um só PDF, cada aluno em uma nova página.</source>
        <translation>Each student&apos;s report card in a single PDF, each student on a new page.</translation>
    </message>
    <message>
        <source>Histórico escolar</source>
        <translation>School transcript</translation>
    </message>
    <message>
        <source>Os anos letivos cursados, com a média final e a situação de cada disciplina.</source>
        <translation>The school years taken, with the final average and status of each subject.</translation>
    </message>
    <message>
        <source>Atestado de matrícula</source>
        <translation>Enrollment certificate</translation>
    </message>
    <message>
        <source>Declara que o aluno está matriculado na sua turma do ano letivo em andamento.</source>
        <translation>States that the student is enrolled in their class for the current school year.</translation>
    </message>
    <message>
        <source>Ficha do aluno</source>
        <translation>Student record</translation>
    </message>
    <message>
        <source>Dados pessoais, documentos, contatos, responsáveis e matrículas em cursos.</source>
        <translation>Personal data, documents, contacts, guardians and course enrollments.</translation>
    </message>
    <message>
        <source>Ata de resultados finais</source>
        <translation>Final results minutes</translation>
    </message>
    <message>
        <source>Médias, frequência e situação final de todos os alunos da turma, em paisagem.</source>
        <translation>Averages, attendance and final status of every student in the class, in landscape.</translation>
    </message>
    <message>
        <source>Para qual aluno</source>
        <translation>For which student</translation>
    </message>
    <message>
        <source>Para qual turma</source>
        <translation>For which class</translation>
    </message>
    <message>
        <source>Escolha um relatório na lista.</source>
        <translation>Choose a report from the list.</translation>
    </message>
    <message>
        <source>Escolha o aluno na lista (busque pelo nome, RA ou CPF).</source>
        <translation>Choose the student from the list (search by name, RA or CPF).</translation>
    </message>
    <message>
        <source>Não há turmas cadastradas; cadastre-as na página Turmas.</source>
        <translation>There are no classes registered; register them on the Classes page.</translation>
    </message>
    <message>
        <source>Escolha o ano letivo e a turma.</source>
        <translation>Choose the school year and the class.</translation>
    </message>
    <message>
        <source>{nome} — RA {ra}</source>
        <translation>{nome} — RA {ra}</translation>
    </message>
    <message>
        <source>(inativo)</source>
        <translation>(inactive)</translation>
    </message>
    <message>
        <source>Mostrando {n} de {total} alunos; refine a busca.</source>
        <translation>Showing {n} of {total} students; refine the search.</translation>
    </message>
    <message>
        <source>Nenhum aluno encontrado.</source>
        <translation>No students found.</translation>
    </message>
    <message>
        <source>Nenhum aluno cadastrado.</source>
        <translation>No students registered.</translation>
    </message>
    <message>
        <source>{ano} — {turma}</source>
        <translation>{ano} — {turma}</translation>
    </message>
    <message>
        <source>(saiu em {data})</source>
        <translation>(left on {data})</translation>
    </message>
    <message>
        <source>Não está em nenhuma turma</source>
        <translation>Not in any class</translation>
    </message>
    <message>
        <source>1 aluno</source>
        <translation>1 student</translation>
    </message>
    <message>
        <source>{n} alunos</source>
        <translation>{n} students</translation>
    </message>
    <message>
        <source>{turma} — {turno} ({alunos})</source>
        <translation>{turma} — {turno} ({alunos})</translation>
    </message>
    <message>
        <source>Escolha a turma</source>
        <translation>Choose the class</translation>
    </message>
    <message>
        <source>Nenhuma turma cadastrada</source>
        <translation>No classes registered</translation>
    </message>
    <message>
        <source>Este aluno não existe mais; talvez tenha sido excluído.</source>
        <translation>This student no longer exists; they may have been deleted.</translation>
    </message>
    <message>
        <source>Esta turma ou matrícula não existe mais; talvez tenha sido excluída.</source>
        <translation>This class or enrollment no longer exists; it may have been deleted.</translation>
    </message>
    <message>
        <source>Reunindo os dados do relatório…</source>
        <translation>Gathering the report&apos;s data…</translation>
    </message>
    <message>
        <source>Salvar PDF</source>
        <translation>Save PDF</translation>
    </message>
    <message>
        <source>O arquivo {name} já existe. Substituir?</source>
        <translation>The file {name} already exists. Replace it?</translation>
    </message>
    <message>
        <source>Não foi possível salvar o PDF em {path}.

{reason}</source>
        <translation>Could not save the PDF to {path}.

{reason}</translation>
    </message>
</context>
<context>
    <name>RemanejarDialog</name>
    <message>
        <source>Remanejar {aluno}</source>
        <translation>Move {aluno}</translation>
    </message>
    <message>
        <source>Remanejar</source>
        <translation>Move</translation>
    </message>
    <message>
        <source>{aluno} sai de {turma} e passa para a turma escolhida, levando as notas e a frequência das disciplinas que as duas turmas têm. Em {turma} fica registrado como Remanejado.</source>
        <translation>{aluno} leaves {turma} and moves to the chosen class, taking the grades and attendance of the subjects both classes have. In {turma} the status is recorded as Moved.</translation>
    </message>
    <message>
        <source>Escolha a turma</source>
        <translation>Choose the class</translation>
    </message>
    <message>
        <source>Não há outra turma neste ano letivo</source>
        <translation>There is no other class in this school year</translation>
    </message>
    <message>
        <source>{vagas} alunos</source>
        <translation>{vagas} students</translation>
    </message>
    <message>
        <source>Ex.: troca de turno a pedido da família</source>
        <translation>E.g. change of shift at the family&apos;s request</translation>
    </message>
    <message>
        <source>&amp;Nova turma:</source>
        <translation>&amp;New class:</translation>
    </message>
    <message>
        <source>&amp;Data da mudança:</source>
        <translation>&amp;Date of change:</translation>
    </message>
    <message>
        <source>&amp;Motivo:</source>
        <translation>&amp;Reason:</translation>
    </message>
    <message>
        <source>Escolha a turma para onde o aluno vai.</source>
        <translation>Choose the class the student goes to.</translation>
    </message>
</context>
<context>
    <name>RematriculaDialog</name>
    <message>
        <source>(nova)</source>
        <extracomment>The Destino column&apos;s data for &quot;out of the rematrícula&quot; (a turma&apos;s chave otherwise). The turmas table&apos;s editable columns (for a turma the plan creates).</extracomment>
        <translation>(new)</translation>
    </message>
    <message>
        <source>Rematrícula de {de} para {para}</source>
        <translation>Re-enrolment from {de} into {para}</translation>
    </message>
    <message>
        <source>Confira o destino de cada aluno de {de}. Os aprovados vão para a etapa seguinte, os retidos ficam na mesma etapa, os concluintes e os que saíram da escola não são rematriculados. Para mudar um destino, dê um duplo clique na coluna Destino. Nada é gravado até você clicar em Rematricular, e tudo pode ser desfeito depois (Desfazer rematrícula…).</source>
        <translation>Check the destination of each student of {de}. Those who passed go to the next stage, those held back stay in the same stage, those who completed their stage and those who left the school are not re-enrolled. To change a destination, double-click the Destination column. Nothing is saved until you click Re-enrol, and everything can be undone later (Undo re-enrolment…).</translation>
    </message>
    <message>
        <source>Preparando a prévia…</source>
        <translation>Preparing the preview…</translation>
    </message>
    <message>
        <source>&amp;Turma de origem:</source>
        <translation>&amp;Class of origin:</translation>
    </message>
    <message>
        <source>Turmas de {para} (o nome e o turno de uma turma nova mudam com um duplo clique)</source>
        <translation>Classes of {para} (the name and the shift of a new class change with a double-click)</translation>
    </message>
    <message>
        <source>&amp;Rematricular</source>
        <translation>&amp;Re-enrol</translation>
    </message>
    <message>
        <source>Cancelar</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <source>Rematrícula</source>
        <translation>Re-enrolment</translation>
    </message>
    <message>
        <source>Preparando a prévia da rematrícula…</source>
        <translation>Preparing the preview of the re-enrolment…</translation>
    </message>
    <message>
        <source>Todas</source>
        <translation>All</translation>
    </message>
    <message>
        <source>Rematriculando os alunos…</source>
        <translation>Re-enrolling the students…</translation>
    </message>
    <message>
        <source>{n} aluno rematriculado</source>
        <translation>{n} student re-enrolled</translation>
    </message>
    <message>
        <source>{n} alunos rematriculados</source>
        <translation>{n} students re-enrolled</translation>
    </message>
    <message>
        <source>em {n} turma</source>
        <translation>in {n} class</translation>
    </message>
    <message>
        <source>em {n} turmas</source>
        <translation>in {n} classes</translation>
    </message>
    <message>
        <source>({n} nova)</source>
        <translation>({n} new)</translation>
    </message>
    <message>
        <source>({n} novas)</source>
        <translation>({n} new)</translation>
    </message>
    <message>
        <source>{n} concluiu</source>
        <translation>{n} completed</translation>
    </message>
    <message>
        <source>{n} concluíram</source>
        <translation>{n} completed</translation>
    </message>
    <message>
        <source>{n} não rematriculado</source>
        <translation>{n} not re-enrolled</translation>
    </message>
    <message>
        <source>{n} não rematriculados</source>
        <translation>{n} not re-enrolled</translation>
    </message>
    <message>
        <source>{n} já matriculado em {ano}</source>
        <translation>{n} already enrolled in {ano}</translation>
    </message>
    <message>
        <source>{n} já matriculados em {ano}</source>
        <translation>{n} already enrolled in {ano}</translation>
    </message>
    <message>
        <source>O ano letivo {ano} será criado com a regra e os períodos de {de}.</source>
        <translation>The school year {ano} will be created with the rule and the terms of {de}.</translation>
    </message>
    <message>
        <source>Não há nada a gravar: esta rematrícula já foi feita.</source>
        <translation>There is nothing to save: this re-enrolment was already done.</translation>
    </message>
    <message>
        <source>Nada foi gravado: esta rematrícula já estava feita.</source>
        <translation>Nothing was saved: this re-enrolment was already done.</translation>
    </message>
    <message>
        <source>{n} aluno rematriculado em {ano}</source>
        <translation>{n} student re-enrolled in {ano}</translation>
    </message>
    <message>
        <source>{n} alunos rematriculados em {ano}</source>
        <translation>{n} students re-enrolled in {ano}</translation>
    </message>
    <message>
        <source>{n} turma criada</source>
        <translation>{n} class created</translation>
    </message>
    <message>
        <source>{n} turmas criadas</source>
        <translation>{n} classes created</translation>
    </message>
    <message>
        <source>O ano letivo {ano} foi criado.</source>
        <translation>The school year {ano} was created.</translation>
    </message>
    <message>
        <source>Para desfazer, use Desfazer rematrícula… em Configurações → Anos letivos.</source>
        <translation>To undo it, use Undo re-enrolment… in Settings → School years.</translation>
    </message>
    <message>
        <source>Desfazer a rematrícula de {de} para {para}, feita em {quando}? Os {n} alunos que ela matriculou saem das turmas de {para}</source>
        <translation>Undo the re-enrolment from {de} into {para}, made on {quando}? The {n} students it enrolled leave the classes of {para}</translation>
    </message>
    <message>
        <source>, as {n} turmas criadas por ela são excluídas</source>
        <translation>, the {n} classes it created are deleted</translation>
    </message>
    <message>
        <source>, e o ano letivo {ano} também</source>
        <translation>, and so is the school year {ano}</translation>
    </message>
    <message>
        <source>. Os resultados de {de} não mudam.</source>
        <translation>. The results of {de} do not change.</translation>
    </message>
</context>
<context>
    <name>ResponsaveisPanel</name>
    <message>
        <source>Cada alteração nesta aba é salva na hora, sem esperar o Salvar do aluno.</source>
        <extracomment>A new aluno&apos;s responsáveis, saved with it (see :meth:`AlunoService.create`).</extracomment>
        <translation>Every change on this tab is saved at once, without waiting for the student&apos;s Save.</translation>
    </message>
    <message>
        <source>Os responsáveis adicionados aqui são salvos junto com o aluno, no Salvar.</source>
        <translation>The guardians added here are saved together with the student when you click Save.</translation>
    </message>
    <message>
        <source>&amp;Adicionar…</source>
        <translation>&amp;Add…</translation>
    </message>
    <message>
        <source>Edi&amp;tar…</source>
        <translation>Edi&amp;t…</translation>
    </message>
    <message>
        <source>Re&amp;mover</source>
        <translation>Re&amp;move</translation>
    </message>
    <message>
        <source>Remover %1 dos responsáveis deste aluno?</source>
        <translation>Remove %1 from this student&apos;s guardians?</translation>
    </message>
    <message>
        <source>%1 também é responsável por outro aluno; só o vínculo com este aluno será removido.</source>
        <translation>%1 is also the guardian of another student; only the link with this student will be removed.</translation>
    </message>
    <message>
        <source>%1 também é responsável por %2 outros alunos; só o vínculo com este aluno será removido.</source>
        <translation>%1 is also the guardian of %2 other students; only the link with this student will be removed.</translation>
    </message>
    <message>
        <source>%1 não é responsável por nenhum outro aluno, então o cadastro dele(a) também será excluído.</source>
        <translation>%1 is not a guardian of any other student, so their record will be deleted too.</translation>
    </message>
    <message>
        <source>Remover responsável</source>
        <translation>Remove guardian</translation>
    </message>
    <message>
        <source>Registro não encontrado</source>
        <translation>Record not found</translation>
    </message>
    <message>
        <source>Este responsável não está mais vinculado ao aluno; talvez tenha sido removido.</source>
        <translation>This guardian is no longer linked to the student; they may have been removed.</translation>
    </message>
</context>
<context>
    <name>ResponsavelDialog</name>
    <message>
        <source>Novo responsável</source>
        <extracomment>For a new aluno (``aluno_id=None``): what Salvar gives instead of writing it.</extracomment>
        <translation>New guardian</translation>
    </message>
    <message>
        <source>Editar responsável</source>
        <translation>Edit guardian</translation>
    </message>
    <message>
        <source>000.000.000-00</source>
        <translation>000.000.000-00</translation>
    </message>
    <message>
        <source>Escolha o parentesco</source>
        <translation>Choose the relationship</translation>
    </message>
    <message>
        <source>Responsável &amp;legal</source>
        <translation>&amp;Legal guardian</translation>
    </message>
    <message>
        <source>O aluno tem um só responsável legal: marcar este desmarca o atual.</source>
        <translation>The student has only one legal guardian: checking this one unchecks the current one.</translation>
    </message>
    <message>
        <source>Um por linha, ex.: (11) 98765-4321</source>
        <translation>One per line, e.g. (11) 98765-4321</translation>
    </message>
    <message>
        <source>Um por linha, ex.: nome@exemplo.com.br</source>
        <translation>One per line, e.g. nome@exemplo.com.br</translation>
    </message>
    <message>
        <source>&amp;Nome:</source>
        <translation>&amp;Name:</translation>
    </message>
    <message>
        <source>CP&amp;F:</source>
        <translation>CP&amp;F:</translation>
    </message>
    <message>
        <source>&amp;Parentesco:</source>
        <translation>&amp;Relationship:</translation>
    </message>
    <message>
        <source>&amp;Telefones:</source>
        <translation>&amp;Phones:</translation>
    </message>
    <message>
        <source>&amp;E-mails:</source>
        <translation>&amp;E-mails:</translation>
    </message>
    <message>
        <source>Digite o nome ou o CPF para achar um já cadastrado</source>
        <translation>Type the name or CPF to find an existing record</translation>
    </message>
    <message>
        <source>Nome</source>
        <translation>Name</translation>
    </message>
    <message>
        <source>CPF</source>
        <translation>CPF</translation>
    </message>
    <message>
        <source>Parentesco</source>
        <translation>Relationship</translation>
    </message>
    <message>
        <source>Responsável legal</source>
        <translation>Legal guardian</translation>
    </message>
    <message>
        <source>Telefones</source>
        <translation>Phones</translation>
    </message>
    <message>
        <source>E-mails</source>
        <translation>E-mails</translation>
    </message>
    <message>
        <source>CPF %1</source>
        <translation>CPF %1</translation>
    </message>
    <message>
        <source>responsável por %1</source>
        <translation>guardian of %1</translation>
    </message>
    <message>
        <source>Cadastro já existente: também é responsável por %1. Mudanças no nome, CPF e contatos valem para todos esses alunos.</source>
        <translation>Existing record: also a guardian of %1. Changes to the name, CPF and contacts apply to all these students.</translation>
    </message>
    <message>
        <source>Cadastro já existente.</source>
        <translation>Existing record.</translation>
    </message>
</context>
<context>
    <name>RestoreDialog</name>
    <message>
        <source>Restaurar backup</source>
        <translation>Restore backup</translation>
    </message>
    <message>
        <source>Escolha a cópia de segurança a restaurar. O arquivo atual é guardado ao lado, como {aside}, antes de ser substituído.</source>
        <translation>Choose the backup to restore. The current file is kept next to it, as {aside}, before being replaced.</translation>
    </message>
    <message>
        <source>Ainda não há cópias de segurança deste arquivo na pasta backups. Use Arquivo → Fazer backup agora.</source>
        <translation>There are no backups of this file in the backups folder yet. Use File → Back up now.</translation>
    </message>
    <message>
        <source>&amp;Restaurar</source>
        <translation>&amp;Restore</translation>
    </message>
    <message>
        <source>&amp;Outro arquivo…</source>
        <translation>&amp;Other file…</translation>
    </message>
    <message>
        <source>Restaura um arquivo de dados escolhido em qualquer pasta, como uma cópia em um pen drive</source>
        <translation>Restores a data file chosen from any folder, such as a copy on a USB stick</translation>
    </message>
    <message>
        <source>&amp;Apagar cópia…</source>
        <translation>&amp;Delete copy…</translation>
    </message>
    <message>
        <source>Apaga a cópia manual escolhida (a rotação nunca apaga as cópias manuais)</source>
        <translation>Deletes the chosen manual copy (rotation never deletes manual copies)</translation>
    </message>
    <message>
        <source>Cancelar</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <source>Restaurar de um arquivo</source>
        <translation>Restore from a file</translation>
    </message>
    <message>
        <source>Arquivos de dados do Escola (*.sqlite3 *.db);;Todos os arquivos (*)</source>
        <translation>Escola data files (*.sqlite3 *.db);;All files (*)</translation>
    </message>
    <message>
        <source>O arquivo {path} não pôde ser lido: {reason}.</source>
        <translation>The file {path} could not be read: {reason}.</translation>
    </message>
    <message>
        <source>Apagar cópia de segurança</source>
        <translation>Delete backup</translation>
    </message>
</context>
<context>
    <name>RosterTableModel</name>
    <message>
        <source>Aluno</source>
        <translation>Student</translation>
    </message>
    <message>
        <source>RA</source>
        <translation>RA</translation>
    </message>
    <message>
        <source>Entrada</source>
        <translation>Entry</translation>
    </message>
    <message>
        <source>Saída</source>
        <translation>Exit</translation>
    </message>
    <message>
        <source>Situação</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>Alterada manualmente. Motivo: {motivo}</source>
        <translation>Changed by hand. Reason: {motivo}</translation>
    </message>
    <message>
        <source>Transferido para {escola}, {municipio}/{uf}</source>
        <translation>Transferred to {escola}, {municipio}/{uf}</translation>
    </message>
    <message>
        <source>Calculada pelas notas e pela frequência</source>
        <translation>Calculated from the grades and the attendance</translation>
    </message>
    <message>
        <source>Transferência recebida de {escola}, {municipio}/{uf}</source>
        <translation>Transfer received from {escola}, {municipio}/{uf}</translation>
    </message>
</context>
<context>
    <name>SituacaoDialog</name>
    <message>
        <source>Alterar situação — {turma}</source>
        <translation>Change status — {turma}</translation>
    </message>
    <message>
        <source>{n} aluno: </source>
        <translation>{n} student: </translation>
    </message>
    <message>
        <source>{n} alunos: </source>
        <translation>{n} students: </translation>
    </message>
    <message>
        <source>Ex.: transferido para outra escola a pedido da família</source>
        <translation>E.g. transferred to another school at the family&apos;s request</translation>
    </message>
    <message>
        <source>Ex.: E.E. Castro Alves</source>
        <translation>E.g.: E.E. Castro Alves</translation>
    </message>
    <message>
        <source>Ex.: Curitiba</source>
        <translation>E.g.: Curitiba</translation>
    </message>
    <message>
        <source>&amp;Nova situação:</source>
        <translation>&amp;New status:</translation>
    </message>
    <message>
        <source>&amp;Data de saída:</source>
        <translation>Exit &amp;date:</translation>
    </message>
    <message>
        <source>&amp;Escola de destino:</source>
        <translation>&amp;School of destination:</translation>
    </message>
    <message>
        <source>M&amp;unicípio:</source>
        <translation>M&amp;unicipality:</translation>
    </message>
    <message>
        <source>&amp;UF:</source>
        <translation>S&amp;tate:</translation>
    </message>
    <message>
        <source>&amp;Motivo:</source>
        <translation>&amp;Reason:</translation>
    </message>
    <message>
        <source>A saída fica registrada na data acima; a vaga na turma fica livre.</source>
        <translation>The exit is recorded on the date above; the seat in the class becomes free.</translation>
    </message>
    <message>
        <source>A data de saída já registrada não muda.</source>
        <translation>The exit date already recorded does not change.</translation>
    </message>
    <message>
        <source>A saída fica registrada na data acima; para {nomes}, que já saíram, vale a data já registrada.</source>
        <translation>The exit is recorded on the date above; for {nomes}, who have already left, the date already recorded stands.</translation>
    </message>
    <message>
        <source>A situação volta a ser calculada pelas notas e pela frequência.</source>
        <translation>The status is calculated again from the grades and the attendance.</translation>
    </message>
    <message>
        <source>A situação fica fixa até ser alterada de novo.</source>
        <translation>The status stays fixed until it is changed again.</translation>
    </message>
    <message>
        <source>A data de saída de {nomes} será apagada: voltam a constar na turma.</source>
        <translation>The exit date of {nomes} will be cleared: they are back in the class.</translation>
    </message>
    <message>
        <source>A mudança fica no histórico da situação.</source>
        <translation>The change is kept in the status history.</translation>
    </message>
</context>
<context>
    <name>TurmaDialog</name>
    <message>
        <source>Nova turma</source>
        <translation>New class</translation>
    </message>
    <message>
        <source>Editar turma</source>
        <translation>Edit class</translation>
    </message>
    <message>
        <source>Escolha o ano letivo</source>
        <translation>Choose the school year</translation>
    </message>
    <message>
        <source>Escolha a etapa</source>
        <translation>Choose the stage</translation>
    </message>
    <message>
        <source>Ex.: 6º ano A</source>
        <translation>E.g. 6th grade A</translation>
    </message>
    <message>
        <source>Ex.: 6º ano</source>
        <translation>E.g. 6th grade</translation>
    </message>
    <message>
        <source>Escolha o turno</source>
        <translation>Choose the shift</translation>
    </message>
    <message>
        <source>Ex.: 12</source>
        <translation>E.g. 12</translation>
    </message>
    <message>
        <source>sem limite</source>
        <translation>no limit</translation>
    </message>
    <message>
        <source>A da etapa (ou a do ano letivo)</source>
        <translation>The stage&apos;s (or the school year&apos;s)</translation>
    </message>
    <message>
        <source>&amp;Ano letivo:</source>
        <translation>School &amp;year:</translation>
    </message>
    <message>
        <source>&amp;Etapa:</source>
        <translation>&amp;Stage:</translation>
    </message>
    <message>
        <source>&amp;Nome da turma:</source>
        <translation>Class &amp;name:</translation>
    </message>
    <message>
        <source>&amp;Série/ano:</source>
        <translation>&amp;Grade/year:</translation>
    </message>
    <message>
        <source>&amp;Turno:</source>
        <translation>S&amp;hift:</translation>
    </message>
    <message>
        <source>Sa&amp;la:</source>
        <translation>Roo&amp;m:</translation>
    </message>
    <message>
        <source>&amp;Vagas:</source>
        <translation>&amp;Seats:</translation>
    </message>
    <message>
        <source>&amp;Regra de avaliação:</source>
        <translation>Evaluation ru&amp;le:</translation>
    </message>
    <message>
        <source>&amp;Disciplinas:</source>
        <translation>&amp;Subjects:</translation>
    </message>
    <message>
        <source>A turma já tem alunos; o ano letivo dela não muda mais.</source>
        <translation>The class already has students; its school year can no longer change.</translation>
    </message>
    <message>
        <source>Não definida — escolha a etapa</source>
        <translation>Not set — choose the stage</translation>
    </message>
</context>
<context>
    <name>TurmaTableModel</name>
    <message>
        <source>Turma</source>
        <translation>Class</translation>
    </message>
    <message>
        <source>Etapa</source>
        <translation>Stage</translation>
    </message>
    <message>
        <source>{serie} (sem etapa)</source>
        <translation>{serie} (no stage)</translation>
    </message>
    <message>
        <source>Turno</source>
        <translation>Shift</translation>
    </message>
    <message>
        <source>Sala</source>
        <translation>Room</translation>
    </message>
    <message>
        <source>Alunos/vagas</source>
        <translation>Students/seats</translation>
    </message>
    <message>
        <source>Ano</source>
        <translation>Year</translation>
    </message>
</context>
<context>
    <name>TurmasPage</name>
    <message>
        <source>&lt;h3&gt;Ainda não há ano letivo cadastrado&lt;/h3&gt;&lt;p&gt;Toda turma pertence a um ano letivo (2026, por exemplo), que diz se o ano tem bimestres ou trimestres e qual é a média para aprovação.&lt;/p&gt;&lt;p&gt;Cadastre o primeiro ano letivo em &lt;b&gt;Configurações → Anos letivos&lt;/b&gt; e depois volte aqui para criar as turmas.&lt;/p&gt;</source>
        <translation>&lt;h3&gt;No school year yet&lt;/h3&gt;&lt;p&gt;Every class belongs to a school year (2026, for example), which says whether the year has quarters or trimesters and what the passing average is.&lt;/p&gt;&lt;p&gt;Add the first school year in &lt;b&gt;Settings → School years&lt;/b&gt;, then come back here to create the classes.&lt;/p&gt;</translation>
    </message>
    <message>
        <source>Ir para Configurações</source>
        <translation>Go to Settings</translation>
    </message>
    <message>
        <source>&amp;Ano letivo:</source>
        <translation>School &amp;year:</translation>
    </message>
    <message>
        <source>Buscar turma ou série…</source>
        <translation>Search class or grade…</translation>
    </message>
    <message>
        <source>&amp;Nova turma…</source>
        <translation>&amp;New class…</translation>
    </message>
    <message>
        <source>&amp;Editar…</source>
        <translation>&amp;Edit…</translation>
    </message>
    <message>
        <source>E&amp;xcluir…</source>
        <translation>De&amp;lete…</translation>
    </message>
    <message>
        <source>&lt;b&gt;Turmas&lt;/b&gt;</source>
        <translation>&lt;b&gt;Classes&lt;/b&gt;</translation>
    </message>
    <message>
        <source>Nenhum aluno nesta turma ainda. Clique em Enturmar alunos… para incluí-los.</source>
        <translation>No students in this class yet. Click Assign students… to add them.</translation>
    </message>
    <message>
        <source>Selecione um ou mais alunos (Ctrl ou Shift + clique) para alterar a situação ou retirá-los da turma. “(manual)”: situação alterada pela secretaria; passe o mouse sobre ela para ver o motivo. Em cinza, os alunos que já saíram da turma.</source>
        <translation>Select one or more students (Ctrl or Shift + click) to change their status or remove them from the class. “(manual)”: status changed by the office; hover over it to see the reason. In gray, the students who have already left the class.</translation>
    </message>
    <message>
        <source>Enturmar &amp;alunos…</source>
        <translation>Assign &amp;students…</translation>
    </message>
    <message>
        <source>Alterar &amp;situação…</source>
        <translation>Change &amp;status…</translation>
    </message>
    <message>
        <source>&amp;Remanejar…</source>
        <translation>&amp;Move…</translation>
    </message>
    <message>
        <source>Re&amp;classificar…</source>
        <translation>Re&amp;classify…</translation>
    </message>
    <message>
        <source>Passa o aluno para uma turma de outra etapa, conforme a ata de reclassificação (LDB, art. 23)</source>
        <translation>Moves the student to a class of another stage, as the reclassification record says (LDB, art. 23)</translation>
    </message>
    <message>
        <source>&amp;Dispensas…</source>
        <translation>&amp;Exemptions…</translation>
    </message>
    <message>
        <source>Dispensa o aluno de uma disciplina, com a data e o motivo, ou desfaz uma dispensa</source>
        <translation>Exempts the student from a subject, with the date and the reason, or undoes an exemption</translation>
    </message>
    <message>
        <source>&amp;Histórico da situação</source>
        <translation>Status &amp;history</translation>
    </message>
    <message>
        <source>Re&amp;tirar da turma…</source>
        <translation>Re&amp;move from class…</translation>
    </message>
    <message>
        <source>Desfaz uma enturmação feita por engano: apaga a matrícula nesta turma com as notas e a frequência. Para um aluno que saiu da escola, use Alterar situação.</source>
        <translation>Undoes a class assignment made by mistake: deletes the enrollment in this class with its grades and attendance. For a student who left the school, use Change status.</translation>
    </message>
    <message>
        <source>Selecione uma turma na lista para ver os alunos dela.</source>
        <translation>Select a class in the list to see its students.</translation>
    </message>
    <message>
        <source>&amp;Ver…</source>
        <translation>&amp;View…</translation>
    </message>
    <message>
        <source>Todos</source>
        <translation>All</translation>
    </message>
    <message>
        <source>Nenhuma turma encontrada.</source>
        <translation>No classes found.</translation>
    </message>
    <message>
        <source>Nenhuma turma neste ano letivo ainda. Clique em Nova turma… para criar a primeira.</source>
        <translation>No classes in this school year yet. Click New class… to create the first one.</translation>
    </message>
    <message>
        <source>sala {sala}</source>
        <translation>room {sala}</translation>
    </message>
    <message>
        <source>{n} aluno</source>
        <translation>{n} student</translation>
    </message>
    <message>
        <source>{n} alunos</source>
        <translation>{n} students</translation>
    </message>
    <message>
        <source> (sem limite de vagas)</source>
        <translation> (no seat limit)</translation>
    </message>
    <message>
        <source>em {vagas} vagas, {n} livre</source>
        <translation>of {vagas} seats, {n} free</translation>
    </message>
    <message>
        <source>em {vagas} vagas, {n} livres</source>
        <translation>of {vagas} seats, {n} free</translation>
    </message>
    <message>
        <source>O ano letivo {ano} está encerrado: ninguém entra na turma nem é remanejado. Para mudar isso, reabra o ano em Configurações → Anos letivos.</source>
        <translation>School year {ano} is closed: nobody joins the class or is moved. To change this, reopen the year in Settings → School years.</translation>
    </message>
    <message>
        <source>{n} matrícula na turma</source>
        <translation>{n} class enrollment</translation>
    </message>
    <message>
        <source>{n} matrículas na turma</source>
        <translation>{n} class enrollments</translation>
    </message>
    <message>
        <source>{n} nota</source>
        <translation>{n} grade</translation>
    </message>
    <message>
        <source>{n} notas</source>
        <translation>{n} grades</translation>
    </message>
    <message>
        <source>{n} registro de frequência</source>
        <translation>{n} attendance record</translation>
    </message>
    <message>
        <source>{n} registros de frequência</source>
        <translation>{n} attendance records</translation>
    </message>
    <message>
        <source>Excluir a turma {nome}?</source>
        <translation>Delete the class {nome}?</translation>
    </message>
    <message>
        <source>A turma vai para a Lixeira e pode ser restaurada até a lixeira ser esvaziada.</source>
        <translation>The class goes to the Trash and can be restored until the trash is emptied.</translation>
    </message>
    <message>
        <source>Ela não tem alunos, notas nem frequência.</source>
        <translation>It has no students, grades or attendance.</translation>
    </message>
    <message>
        <source>Vai junto</source>
        <translation>Goes with it</translation>
    </message>
    <message>
        <source>Vão junto</source>
        <translation>Go with it</translation>
    </message>
    <message>
        <source>Excluir turma</source>
        <translation>Delete class</translation>
    </message>
    <message>
        <source>Alterar situação</source>
        <translation>Change status</translation>
    </message>
    <message>
        <source>{nomes}: a matrícula nesta turma foi encerrada por remanejamento ou reclassificação. Altere a situação na turma para onde o aluno foi.</source>
        <translation>{nomes}: the enrolment in this class was ended by a move or a reclassification. Change the status in the class the student went to.</translation>
    </message>
    <message>
        <source>Remanejar</source>
        <translation>Move</translation>
    </message>
    <message>
        <source>{aluno} já saiu desta turma em {data}.</source>
        <translation>{aluno} already left this class on {data}.</translation>
    </message>
    <message>
        <source>{n} recuperação final</source>
        <translation>{n} final make-up</translation>
    </message>
    <message>
        <source>{n} recuperações finais</source>
        <translation>{n} final make-ups</translation>
    </message>
    <message>
        <source>{n} registro no histórico da situação</source>
        <translation>{n} status history entry</translation>
    </message>
    <message>
        <source>{n} registros no histórico da situação</source>
        <translation>{n} status history entries</translation>
    </message>
    <message>
        <source>Retirar {nomes} da turma {turma}?</source>
        <translation>Remove {nomes} from the class {turma}?</translation>
    </message>
    <message>
        <source>Use isto só para desfazer uma enturmação feita por engano; para um aluno que saiu, use Alterar situação.</source>
        <translation>Use this only to undo a class assignment made by mistake; for a student who left, use Change status.</translation>
    </message>
    <message>
        <source>Não há notas nem frequência lançadas.</source>
        <translation>No grades or attendance entered.</translation>
    </message>
    <message>
        <source>{aluno} volta para a turma {origem}, de onde veio por remanejamento.</source>
        <translation>{aluno} goes back to the class {origem}, which they were moved from.</translation>
    </message>
    <message>
        <source>Retirar da turma</source>
        <translation>Remove from class</translation>
    </message>
</context>
<context>
    <name>TurmasPlanoModel</name>
    <message>
        <source>Turma</source>
        <translation>Class</translation>
    </message>
    <message>
        <source>Etapa</source>
        <translation>Stage</translation>
    </message>
    <message>
        <source>Turno</source>
        <translation>Shift</translation>
    </message>
    <message>
        <source>Recebe</source>
        <translation>Receives</translation>
    </message>
    <message>
        <source>Vagas</source>
        <translation>Places</translation>
    </message>
    <message>
        <source>Situação</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>sem etapa</source>
        <translation>no stage</translation>
    </message>
    <message>
        <source>já existe</source>
        <translation>already exists</translation>
    </message>
    <message>
        <source>será criada</source>
        <translation>will be created</translation>
    </message>
    <message>
        <source>não será criada (nenhum aluno)</source>
        <translation>will not be created (no students)</translation>
    </message>
</context>
<context>
    <name>UpgradeDialog</name>
    <message>
        <source>Atualizando o arquivo de dados</source>
        <translation>Upgrading the data file</translation>
    </message>
    <message>
        <source>Este arquivo foi criado por uma versão antiga do Escola (0.x). Ele será atualizado para esta versão. Antes, uma cópia de segurança é feita na pasta backups, ao lado do arquivo.</source>
        <translation>This file was created by an old version of Escola (0.x). It will be upgraded to this version. First, a backup is made in the backups folder, next to the file.</translation>
    </message>
    <message>
        <source>Criando um arquivo de dados novo.</source>
        <translation>Creating a new data file.</translation>
    </message>
    <message>
        <source>Esta versão do Escola precisa atualizar o arquivo de dados. Antes, uma cópia de segurança é feita na pasta backups, ao lado do arquivo.</source>
        <translation>This version of Escola needs to upgrade the data file. First, a backup is made in the backups folder, next to the file.</translation>
    </message>
    <message>
        <source>Arquivo: {path}</source>
        <translation>File: {path}</translation>
    </message>
    <message>
        <source>Preparando…</source>
        <translation>Preparing…</translation>
    </message>
    <message>
        <source>Continuar</source>
        <translation>Continue</translation>
    </message>
    <message>
        <source>Fechar</source>
        <translation>Close</translation>
    </message>
    <message>
        <source>Fazendo a cópia de segurança…</source>
        <translation>Making the backup…</translation>
    </message>
    <message>
        <source>Cópia de segurança do arquivo anterior: {path}</source>
        <translation>Backup of the previous file: {path}</translation>
    </message>
    <message>
        <source>A atualização não foi concluída.</source>
        <translation>The upgrade did not finish.</translation>
    </message>
    <message>
        <source>Detalhes técnicos no registro: {path}</source>
        <translation>Technical details in the log: {path}</translation>
    </message>
    <message>
        <source>Etapa {n} de {total}: {descricao}</source>
        <translation>Step {n} of {total}: {descricao}</translation>
    </message>
    <message>
        <source>O arquivo foi atualizado.</source>
        <translation>The data file was upgraded.</translation>
    </message>
    <message>
        <source>O que mudou nos dados:</source>
        <translation>What changed in the data:</translation>
    </message>
</context>
<context>
    <name>VinculoTableModel</name>
    <message>
        <source>Nome</source>
        <translation>Name</translation>
    </message>
    <message>
        <source>Parentesco</source>
        <translation>Relationship</translation>
    </message>
    <message>
        <source>Legal</source>
        <translation>Legal</translation>
    </message>
    <message>
        <source>Telefones</source>
        <translation>Phones</translation>
    </message>
</context>
<context>
    <name>_DiarioPage</name>
    <message>
        <source>&amp;Ano letivo:</source>
        <extracomment>The ano letivo, turma, disciplina and período last chosen on these pages (ids), kept while the app runs and shared by both pages: the turma chosen for the notas is there for the frequência too. The user asked to open the Turmas page (to create a turma, choose its disciplinas...). The user asked to open the Configurações page (to create an ano letivo).</extracomment>
        <translation>School &amp;year:</translation>
    </message>
    <message>
        <source>&amp;Turma:</source>
        <translation>&amp;Class:</translation>
    </message>
    <message>
        <source>&amp;Disciplina:</source>
        <translation>&amp;Subject:</translation>
    </message>
    <message>
        <source>&amp;Período:</source>
        <translation>&amp;Term:</translation>
    </message>
    <message>
        <source>O arquivo está aberto somente para leitura: os valores são mostrados e não mudam.</source>
        <extracomment>The page&apos;s history of writes; the main window&apos;s Editar menu follows it (QUndoGroup).</extracomment>
        <translation>The file is open read-only: the values are shown and do not change.</translation>
    </message>
    <message>
        <source> (encerrado)</source>
        <translation> (closed)</translation>
    </message>
    <message>
        <source>Nenhum ano letivo cadastrado. Cadastre o ano letivo, com seus períodos e a regra de avaliação, na página Configurações.</source>
        <translation>No school year registered. Register the school year, with its terms and assessment rule, on the Settings page.</translation>
    </message>
    <message>
        <source>Abrir Configurações</source>
        <translation>Open Settings</translation>
    </message>
    <message>
        <source>O ano letivo {ano} ainda não tem turmas. Crie as turmas na página Turmas.</source>
        <translation>School year {ano} has no classes yet. Create the classes on the Classes page.</translation>
    </message>
    <message>
        <source>Abrir Turmas</source>
        <translation>Open Classes</translation>
    </message>
    <message>
        <source>A turma {turma} ainda não tem disciplinas. Escolha as disciplinas da turma na página Turmas.</source>
        <translation>Class {turma} has no subjects yet. Choose the class&apos;s subjects on the Classes page.</translation>
    </message>
    <message>
        <source>Estes dados mudaram em outra página ou janela; a tabela foi carregada de novo.</source>
        <translation>This data changed in another page or window; the table was reloaded.</translation>
    </message>
</context>
<context>
    <name>core</name>
    <message>
        <source>Não foi possível fazer a cópia de segurança: a pasta {folder} não permite gravação (o disco é só de leitura, ou falta permissão). Nada foi alterado.</source>
        <translation>The backup could not be made: the folder {folder} cannot be written (the disk is read-only, or permission is missing). Nothing was changed.</translation>
    </message>
    <message>
        <source>Não foi possível fazer a cópia de segurança: {problem}. Renomeie ou mova esse item para que o Escola crie a pasta backups, e tente de novo. Nada foi alterado.</source>
        <translation>The backup could not be made: {problem}. Rename or move that item so that Escola can create the backups folder, and try again. Nothing was changed.</translation>
    </message>
    <message>
        <source>a cópia não passou na verificação de integridade: {problems}</source>
        <translation>the copy failed the integrity check: {problems}</translation>
    </message>
    <message>
        <source>O arquivo {database} está danificado ({problems}). Nenhuma cópia de segurança foi feita, para que uma cópia danificada nunca passe por boa. O arquivo não foi alterado.</source>
        <translation>The file {database} is damaged ({problems}). No backup was made, so that a damaged copy is never taken for a good one. The file was not changed.</translation>
    </message>
    <message>
        <source>A cópia de segurança {backup} não pode ser restaurada: {reason}. O arquivo de dados não foi alterado.</source>
        <translation>The backup {backup} cannot be restored: {reason}. The data file was not changed.</translation>
    </message>
    <message>
        <source>Não há dados para copiar: {database} não existe ou está vazio.</source>
        <translation>There is no data to copy: {database} does not exist or is empty.</translation>
    </message>
    <message>
        <source>O arquivo {path} está sendo usado por outro programa, e as últimas gravações dele ainda não chegaram ao arquivo. Feche o outro programa e tente de novo. Nada foi restaurado; o arquivo não foi alterado.</source>
        <translation>The file {path} is being used by another program, and its latest saves have not reached the file yet. Close the other program and try again. Nothing was restored; the file was not changed.</translation>
    </message>
    <message>
        <source>o arquivo não existe</source>
        <translation>the file does not exist</translation>
    </message>
    <message>
        <source>é o próprio arquivo de dados</source>
        <translation>it is the data file itself</translation>
    </message>
    <message>
        <source>há ao lado dela um diário de uma gravação interrompida</source>
        <translation>beside it lies the journal of an interrupted save</translation>
    </message>
    <message>
        <source>a cópia está vazia</source>
        <translation>the backup is empty</translation>
    </message>
    <message>
        <source>a cópia está danificada: {problems}</source>
        <translation>the backup is damaged: {problems}</translation>
    </message>
    <message>
        <source>a cópia restaurada não passou na verificação de integridade</source>
        <translation>the restored copy failed the integrity check</translation>
    </message>
    <message>
        <source>{backup} não foi apagado: só as cópias manuais deste arquivo, na pasta backups, podem ser apagadas. As automáticas são apagadas pela rotação; as feitas antes de uma atualização nunca são apagadas.</source>
        <translation>{backup} was not deleted: only the manual copies of this file, in the backups folder, can be deleted. Automatic ones are deleted by rotation; those made before an update are never deleted.</translation>
    </message>
    <message>
        <source>{backup} não pôde ser apagado: {reason}.</source>
        <translation>{backup} could not be deleted: {reason}.</translation>
    </message>
    <message>
        <source>A cópia não pôde ser gravada em {folder}: o Escola não tem permissão para gravar nessa pasta, ou o disco é só de leitura (um pen drive travado contra gravação, por exemplo). Escolha outra pasta. Nada foi alterado.</source>
        <translation>The copy could not be written to {folder}: Escola may not write to that folder, or the disk is read-only (a write-protected USB stick, for example). Choose another folder. Nothing was changed.</translation>
    </message>
    <message>
        <source>A cópia não pôde ser gravada em {target}: {reason}. Escolha outro lugar. Nada foi alterado.</source>
        <translation>The copy could not be written to {target}: {reason}. Choose another place. Nothing was changed.</translation>
    </message>
    <message>
        <source>Escolha outro nome ou outra pasta para a cópia: {target} é o próprio arquivo de dados ou um arquivo que o Escola usa ao lado dele. Nada foi alterado.</source>
        <translation>Choose another name or folder for the copy: {target} is the data file itself or a file Escola uses beside it. Nothing was changed.</translation>
    </message>
    <message>
        <source>a cópia não passou na verificação de integridade</source>
        <translation>the copy failed the integrity check</translation>
    </message>
    <message>
        <source>O arquivo {path} está protegido contra gravação; para voltar a uma versão anterior ele precisa ser alterado. Libere a gravação do arquivo. O arquivo não foi alterado.</source>
        <translation>The file {path} is write-protected; going back to an earlier version needs to change it. Allow writing to the file. The file was not changed.</translation>
    </message>
    <message>
        <source>O arquivo {path} não pode ser gravado ({problem}); para voltar a uma versão anterior ele precisa ser alterado. Libere a gravação. O arquivo não foi alterado.</source>
        <translation>The file {path} cannot be written ({problem}); going back to an earlier version needs to change it. Allow writing. The file was not changed.</translation>
    </message>
    <message>
        <source>gravar as alterações</source>
        <translation>save the changes</translation>
    </message>
    <message>
        <source>As alterações não foram gravadas; o que já estava salvo continua como estava.</source>
        <translation>The changes were not saved; what was already saved is as it was.</translation>
    </message>
    <message>
        <source>fazer a cópia de segurança</source>
        <translation>make the backup</translation>
    </message>
    <message>
        <source>Nada foi alterado.</source>
        <translation>Nothing was changed.</translation>
    </message>
    <message>
        <source>atualizar o arquivo de dados</source>
        <translation>upgrade the data file</translation>
    </message>
    <message>
        <source>A atualização foi desfeita; o arquivo continua como estava.</source>
        <translation>The upgrade was undone; the file is as it was.</translation>
    </message>
    <message>
        <source>importar os alunos</source>
        <translation>import the students</translation>
    </message>
    <message>
        <source>Nenhum aluno foi importado; nada foi alterado.</source>
        <translation>No student was imported; nothing was changed.</translation>
    </message>
    <message>
        <source>voltar a uma versão anterior</source>
        <translation>go back to an earlier version</translation>
    </message>
    <message>
        <source>A volta foi desfeita; o arquivo continua como estava.</source>
        <translation>Going back was undone; the file is as it was.</translation>
    </message>
    <message>
        <source>restaurar a cópia de segurança</source>
        <translation>restore the backup</translation>
    </message>
    <message>
        <source>O arquivo de dados não foi alterado.</source>
        <translation>The data file was not changed.</translation>
    </message>
    <message>
        <source>abrir o arquivo de dados</source>
        <translation>open the data file</translation>
    </message>
    <message>
        <source>O arquivo ficaria maior do que o limite de tamanho de arquivo que este computador impõe ao Escola ({limit}): não foi possível {doing}. Peça ao responsável pelo computador que aumente esse limite. {state}</source>
        <translation>The file would grow past the file-size limit this computer sets for Escola ({limit}): could not {doing}. Ask whoever manages the computer to raise that limit. {state}</translation>
    </message>
    <message>
        <source>O disco está cheio: não houve espaço em {folder} para {doing}. Libere espaço no disco (apague arquivos de que não precisa ou esvazie a lixeira) e tente de novo. {state}</source>
        <translation>The disk is full: there was no room in {folder} to {doing}. Free some disk space (delete files you do not need or empty the trash) and try again. {state}</translation>
    </message>
    <message>
        <source>O disco está cheio: não houve espaço para {doing}. Libere espaço no disco (apague arquivos de que não precisa ou esvazie a lixeira) e tente de novo. {state}</source>
        <translation>The disk is full: there was no room to {doing}. Free some disk space (delete files you do not need or empty the trash) and try again. {state}</translation>
    </message>
    <message>
        <source>Espaço em disco insuficiente em {folder} para {doing}: são necessários {needed} livres e há {free}. Libere espaço no disco (apague arquivos de que não precisa ou esvazie a lixeira) e tente de novo. Nada foi alterado.</source>
        <translation>Not enough disk space in {folder} to {doing}: {needed} must be free and there is {free}. Free some disk space (delete files you do not need or empty the trash) and try again. Nothing was changed.</translation>
    </message>
    <message>
        <source>Não foi possível fazer a cópia de segurança: {reason}. Nada foi alterado.</source>
        <translation>The backup could not be made: {reason}. Nothing was changed.</translation>
    </message>
    <message>
        <source>O arquivo {database} já está aberto em outra janela do Escola (processo {pid}). Feche a outra janela antes de abrir de novo.</source>
        <translation>The file {database} is already open in another Escola window (process {pid}). Close the other window before opening it again.</translation>
    </message>
    <message>
        <source>O arquivo {database} já está aberto em outra janela do Escola. Feche a outra janela antes de abrir de novo.</source>
        <translation>The file {database} is already open in another Escola window. Close the other window before opening it again.</translation>
    </message>
    <message>
        <source>Não foi possível reservar o arquivo de dados ({lock}): {reason}.</source>
        <translation>The data file could not be reserved ({lock}): {reason}.</translation>
    </message>
    <message>
        <source>A importação não foi feita: 1 linha tem problemas. Corrija o arquivo e tente de novo. Nada foi alterado.</source>
        <translation>The import was not done: 1 line has problems. Correct the file and try again. Nothing was changed.</translation>
    </message>
    <message>
        <source>A importação não foi feita: {count} linhas têm problemas. Corrija o arquivo e tente de novo. Nada foi alterado.</source>
        <translation>The import was not done: {count} lines have problems. Correct the file and try again. Nothing was changed.</translation>
    </message>
    <message>
        <source>A importação não foi feita: o arquivo de dados não pode ser gravado ({reason}). Nada foi alterado.</source>
        <translation>The import was not made: the data file cannot be written ({reason}). Nothing was changed.</translation>
    </message>
    <message>
        <source>A importação não foi feita: o arquivo de dados está somente para leitura. Nada foi alterado.</source>
        <translation>The import was not made: the data file is read-only. Nothing was changed.</translation>
    </message>
    <message>
        <source>A importação foi cancelada. Nada foi alterado.</source>
        <translation>The import was canceled. Nothing was changed.</translation>
    </message>
    <message>
        <source>Os alunos ou os responsáveis cadastrados mudaram desde a conferência do arquivo. Confira o arquivo de novo antes de importar. Nada foi alterado.</source>
        <translation>The registered students or guardians changed since the file was checked. Check the file again before importing. Nothing was changed.</translation>
    </message>
    <message>
        <source>o Escola {version} ou mais novo</source>
        <translation>Escola {version} or newer</translation>
    </message>
    <message>
        <source>uma versão mais nova do Escola</source>
        <translation>a newer version of Escola</translation>
    </message>
    <message>
        <source>O arquivo {path} foi gravado por uma versão mais nova do Escola (revisão {revision}). Esta é a versão {version}. Para abri-lo, instale {needs}. O arquivo não foi alterado.</source>
        <translation>The file {path} was written by a newer version of Escola (revision {revision}). This is version {version}. To open it, install {needs}. The file was not changed.</translation>
    </message>
    <message>
        <source>O arquivo {path} é um banco de dados SQLite, mas não é do Escola ({reason}). O arquivo não foi alterado.</source>
        <translation>The file {path} is an SQLite database, but not an Escola one ({reason}). The file was not changed.</translation>
    </message>
    <message>
        <source>O arquivo {path} não pode ser lido como banco de dados do Escola: {reason}. O arquivo não foi alterado.</source>
        <translation>The file {path} cannot be read as an Escola database: {reason}. The file was not changed.</translation>
    </message>
    <message>
        <source>O arquivo {path} está protegido contra gravação, e esta versão do Escola precisa atualizá-lo. Libere a gravação do arquivo (ou abra-o com a versão que o criou). O arquivo não foi alterado.</source>
        <translation>The file {path} is write-protected, and this version of Escola needs to upgrade it. Allow writing to the file (or open it with the version that created it). The file was not changed.</translation>
    </message>
    <message>
        <source>O arquivo {path} não pode ser gravado ({problem}), e esta versão do Escola precisa atualizá-lo. Libere a gravação (ou abra-o com a versão que o criou). O arquivo não foi alterado.</source>
        <translation>The file {path} cannot be written ({problem}), and this version of Escola needs to upgrade it. Allow writing (or open it with the version that created it). The file was not changed.</translation>
    </message>
    <message>
        <source>1 matrícula repetida foi retirada; ficou a mais antiga do aluno naquele curso (a cópia de segurança guarda a que saiu).</source>
        <translation>1 duplicate enrollment was removed; the student&apos;s oldest enrollment in that course was kept (the backup holds the one removed).</translation>
    </message>
    <message>
        <source>{n} matrículas repetidas foram retiradas; ficou a mais antiga de cada aluno em cada curso (a cópia de segurança guarda as que saíram).</source>
        <translation>{n} duplicate enrollments were removed; each student&apos;s oldest enrollment in each course was kept (the backup holds the ones removed).</translation>
    </message>
    <message>
        <source>1 matrícula de um aluno ou curso que já tinha sido excluído foi retirada (a cópia de segurança guarda a que saiu).</source>
        <translation>1 enrollment of a student or course already deleted was removed (the backup holds the one removed).</translation>
    </message>
    <message>
        <source>{n} matrículas de alunos ou cursos que já tinham sido excluídos foram retiradas (a cópia de segurança guarda as que saíram).</source>
        <translation>{n} enrollments of students or courses already deleted were removed (the backup holds the ones removed).</translation>
    </message>
    <message>
        <source>1 turma ficou sem etapa, porque a série escrita nela não diz qual é com certeza (ex.: &quot;4ª série&quot;, que pode ser o 4º ou o 5º ano); a série continua como estava. Escolha a etapa em Configurações → Etapas.</source>
        <translation>1 class was left without a stage, because the grade written in it does not say which it is for sure (e.g. &quot;4ª série&quot;, which may be the 4th or the 5th year); the grade stays as it was. Choose the stage in Settings → Stages.</translation>
    </message>
    <message>
        <source>{n} turmas ficaram sem etapa, porque a série escrita nelas não diz qual é com certeza (ex.: &quot;4ª série&quot;, que pode ser o 4º ou o 5º ano); a série continua como estava. Escolha a etapa de cada uma em Configurações → Etapas.</source>
        <translation>{n} classes were left without a stage, because the grade written in them does not say which it is for sure (e.g. &quot;4ª série&quot;, which may be the 4th or the 5th year); the grade stays as it was. Choose the stage of each in Settings → Stages.</translation>
    </message>
    <message>
        <source>1 etapa da Educação Infantil já tem alunos e continua com a regra de avaliação do ano letivo, para que nenhum resultado mude; a regra &quot;Educação Infantil — parecer, sem retenção&quot; está disponível em Configurações → Etapas.</source>
        <translation>1 Early Childhood stage already has students and keeps the school year&apos;s evaluation rule, so that no result changes; the rule &quot;Educação Infantil — parecer, sem retenção&quot; is available in Settings → Stages.</translation>
    </message>
    <message>
        <source>{n} etapas da Educação Infantil já têm alunos e continuam com a regra de avaliação do ano letivo, para que nenhum resultado mude; a regra &quot;Educação Infantil — parecer, sem retenção&quot; está disponível em Configurações → Etapas.</source>
        <translation>{n} Early Childhood stages already have students and keep the school year&apos;s evaluation rule, so that no result changes; the rule &quot;Educação Infantil — parecer, sem retenção&quot; is available in Settings → Stages.</translation>
    </message>
    <message>
        <source>1 etapa da Educação Infantil, ainda sem alunos, passou a usar a regra &quot;Educação Infantil — parecer, sem retenção&quot; (LDB art. 31); pode ser mudada em Configurações → Etapas.</source>
        <translation>1 Early Childhood stage, still without students, now uses the rule &quot;Educação Infantil — parecer, sem retenção&quot; (LDB art. 31); it can be changed in Settings → Stages.</translation>
    </message>
    <message>
        <source>{n} etapas da Educação Infantil, ainda sem alunos, passaram a usar a regra &quot;Educação Infantil — parecer, sem retenção&quot; (LDB art. 31); pode ser mudada em Configurações → Etapas.</source>
        <translation>{n} Early Childhood stages, still without students, now use the rule &quot;Educação Infantil — parecer, sem retenção&quot; (LDB art. 31); it can be changed in Settings → Stages.</translation>
    </message>
    <message>
        <source>1 e-mail repetido (igual a outro a não ser por maiúsculas ou espaços) ficou como contato extra do aluno; o aluno mais antigo manteve o e-mail principal.</source>
        <translation>1 repeated e-mail (the same as another but for capitals or spaces) became an extra contact of the student; the oldest student kept the main e-mail.</translation>
    </message>
    <message>
        <source>{n} e-mails repetidos (iguais a outros a não ser por maiúsculas ou espaços) ficaram como contato extra dos alunos; o aluno mais antigo manteve o e-mail principal.</source>
        <translation>{n} repeated e-mails (the same as others but for capitals or spaces) became extra contacts of the students; the oldest student kept the main e-mail.</translation>
    </message>
    <message>
        <source>1 carga horária que não era um número (ex.: &quot;a definir&quot;) foi guardada nas observações do curso.</source>
        <translation>1 workload that was not a number (e.g. &quot;a definir&quot;) was kept in the course notes.</translation>
    </message>
    <message>
        <source>{n} cargas horárias que não eram um número (ex.: &quot;a definir&quot;) foram guardadas nas observações dos cursos.</source>
        <translation>{n} workloads that were not a number (e.g. &quot;a definir&quot;) were kept in the course notes.</translation>
    </message>
    <message>
        <source>1 data de matrícula que não era uma data válida ficou em branco; o texto original está nas observações da matrícula.</source>
        <translation>1 enrollment date that was not a valid date was left blank; the original text is in the enrollment notes.</translation>
    </message>
    <message>
        <source>{n} datas de matrícula que não eram uma data válida ficaram em branco; o texto original está nas observações de cada matrícula.</source>
        <translation>{n} enrollment dates that were not a valid date were left blank; the original text is in each enrollment&apos;s notes.</translation>
    </message>
    <message>
        <source>1 nome de curso com espaços sobrando foi mantido como estava, para não repetir outro curso.</source>
        <translation>1 course name with extra spaces was kept as it was, so as not to repeat another course.</translation>
    </message>
    <message>
        <source>{n} nomes de curso com espaços sobrando foram mantidos como estavam, para não repetir outros cursos.</source>
        <translation>{n} course names with extra spaces were kept as they were, so as not to repeat other courses.</translation>
    </message>
    <message>
        <source>1 situação de aluno escrita como texto (ex.: &quot;sim&quot;, &quot;não&quot;) virou ativo ou inativo.</source>
        <translation>1 student status written as text (e.g. &quot;sim&quot;, &quot;não&quot;) became active or inactive.</translation>
    </message>
    <message>
        <source>{n} situações de aluno escritas como texto (ex.: &quot;sim&quot;, &quot;não&quot;) viraram ativo ou inativo.</source>
        <translation>{n} student statuses written as text (e.g. &quot;sim&quot;, &quot;não&quot;) became active or inactive.</translation>
    </message>
    <message>
        <source>1 aluno sem situação foi marcado como ativo.</source>
        <translation>1 student without a status was marked active.</translation>
    </message>
    <message>
        <source>{n} alunos sem situação foram marcados como ativos.</source>
        <translation>{n} students without a status were marked active.</translation>
    </message>
    <message>
        <source>1 carga horária escrita como texto (ex.: &quot;60h&quot;) virou número de horas.</source>
        <translation>1 workload written as text (e.g. &quot;60h&quot;) became a number of hours.</translation>
    </message>
    <message>
        <source>{n} cargas horárias escritas como texto (ex.: &quot;60h&quot;) viraram número de horas.</source>
        <translation>{n} workloads written as text (e.g. &quot;60h&quot;) became a number of hours.</translation>
    </message>
    <message>
        <source>1 data de matrícula escrita de outro jeito (ex.: 10/03/2024) foi convertida.</source>
        <translation>1 enrollment date written another way (e.g. 10/03/2024) was converted.</translation>
    </message>
    <message>
        <source>{n} datas de matrícula escritas de outro jeito (ex.: 10/03/2024) foram convertidas.</source>
        <translation>{n} enrollment dates written another way (e.g. 10/03/2024) were converted.</translation>
    </message>
    <message>
        <source>1 e-mail foi escrito em minúsculas e sem espaços.</source>
        <translation>1 e-mail was written in lower case and without spaces.</translation>
    </message>
    <message>
        <source>{n} e-mails foram escritos em minúsculas e sem espaços.</source>
        <translation>{n} e-mails were written in lower case and without spaces.</translation>
    </message>
    <message>
        <source>1 nome teve espaços sobrando removidos.</source>
        <translation>1 name had extra spaces removed.</translation>
    </message>
    <message>
        <source>{n} nomes tiveram espaços sobrando removidos.</source>
        <translation>{n} names had extra spaces removed.</translation>
    </message>
    <message>
        <source>1 telefone teve espaços sobrando removidos.</source>
        <translation>1 phone number had extra spaces removed.</translation>
    </message>
    <message>
        <source>{n} telefones tiveram espaços sobrando removidos.</source>
        <translation>{n} phone numbers had extra spaces removed.</translation>
    </message>
    <message>
        <source>1 e-mail em branco foi apagado.</source>
        <translation>1 blank e-mail was deleted.</translation>
    </message>
    <message>
        <source>{n} e-mails em branco foram apagados.</source>
        <translation>{n} blank e-mails were deleted.</translation>
    </message>
    <message>
        <source>1 telefone em branco não foi copiado para os contatos.</source>
        <translation>1 blank phone number was not copied to the contacts.</translation>
    </message>
    <message>
        <source>{n} telefones em branco não foram copiados para os contatos.</source>
        <translation>{n} blank phone numbers were not copied to the contacts.</translation>
    </message>
    <message>
        <source>1 turma recebeu a etapa pela série escrita nela (ex.: &quot;5º ano&quot;).</source>
        <translation>1 class got its stage from the grade written in it (e.g. &quot;5º ano&quot;).</translation>
    </message>
    <message>
        <source>{n} turmas receberam a etapa pela série escrita nelas (ex.: &quot;5º ano&quot;).</source>
        <translation>{n} classes got their stage from the grade written in them (e.g. &quot;5º ano&quot;).</translation>
    </message>
    <message>
        <source>1 carga horária em branco foi apagada.</source>
        <translation>1 blank workload was deleted.</translation>
    </message>
    <message>
        <source>{n} cargas horárias em branco foram apagadas.</source>
        <translation>{n} blank workloads were deleted.</translation>
    </message>
    <message>
        <source>1 outro ajuste ({tipo}).</source>
        <translation>1 other adjustment ({tipo}).</translation>
    </message>
    <message>
        <source>{n} outros ajustes ({tipo}).</source>
        <translation>{n} other adjustments ({tipo}).</translation>
    </message>
    <message>
        <source>Formato original do arquivo (versão 0.x)</source>
        <translation>Original file format (version 0.x)</translation>
    </message>
    <message>
        <source>Preparação do arquivo para as próximas atualizações</source>
        <translation>Preparing the file for the next upgrades</translation>
    </message>
    <message>
        <source>Contatos dos alunos, data de nascimento, CPF e e-mails sem repetição</source>
        <translation>Students&apos; contacts, date of birth, CPF and no repeated e-mails</translation>
    </message>
    <message>
        <source>Carga horária dos cursos em horas</source>
        <translation>Course workload in hours</translation>
    </message>
    <message>
        <source>Matrículas sem repetição, com datas legíveis e sem alunos ou cursos inexistentes</source>
        <translation>Enrollments without duplicates, with readable dates and no missing students or courses</translation>
    </message>
    <message>
        <source>Documentos dos alunos e número de matrícula (RA)</source>
        <translation>Students&apos; documents and registration number (RA)</translation>
    </message>
    <message>
        <source>Responsáveis pelos alunos</source>
        <translation>Students&apos; guardians</translation>
    </message>
    <message>
        <source>Endereço e foto dos alunos</source>
        <translation>Students&apos; address and photo</translation>
    </message>
    <message>
        <source>Ano letivo, turmas, disciplinas, notas e frequência</source>
        <translation>School year, classes, subjects, grades and attendance</translation>
    </message>
    <message>
        <source>Anos cursados em outras escolas (histórico escolar)</source>
        <translation>Years attended at other schools (school record)</translation>
    </message>
    <message>
        <source>Lixeira e registro de alterações</source>
        <translation>Trash and change history</translation>
    </message>
    <message>
        <source>Busca rápida e ordem dos alunos</source>
        <translation>Quick search and order of the students</translation>
    </message>
    <message>
        <source>Etapas (1º ano, pré-escola, ensino médio...) e a etapa de cada turma</source>
        <translation>Stages (1st year, preschool, high school...) and each class&apos;s stage</translation>
    </message>
    <message>
        <source>Calendário do ano letivo: datas, feriados e recessos</source>
        <translation>Calendar of the school year: dates, holidays and breaks</translation>
    </message>
    <message>
        <source>Situação final de cada aluno no encerramento do ano, e a rematrícula</source>
        <translation>Final status of each student when the year is closed, and the re-enrolment</translation>
    </message>
    <message>
        <source>Transferências, reclassificações e dispensas de disciplina</source>
        <translation>Transfers, reclassifications and subject exemptions</translation>
    </message>
    <message>
        <source>Regras de avaliação por etapa e por turma: notas de 0 a 100, conceitos e parecer descritivo</source>
        <translation>Evaluation rules per stage and per class: grades from 0 to 100, letter grades and descriptive reports</translation>
    </message>
    <message>
        <source>A tabela {tabela}, deixada pela metade por uma atualização interrompida, foi recuperada.</source>
        <translation>The table {tabela}, left half done by an interrupted upgrade, was recovered.</translation>
    </message>
    <message>
        <source>Índices danificados do arquivo foram reconstruídos a partir dos dados.</source>
        <translation>Damaged indexes of the file were rebuilt from the data.</translation>
    </message>
    <message>
        <source>O Escola foi fechado no meio de uma gravação (queda de energia ou programa encerrado à força). A gravação que ficou pela metade foi desfeita: o arquivo {path} voltou a ser como estava na última gravação concluída. Antes disso, o arquivo e o diário de transação foram guardados, como estavam, em {folder} ({file} e {journal}).</source>
        <extracomment>What the file and its journal are kept as in ``backups/`` before the journal is applied: ``&lt;name&gt;.interrompido-&lt;YYYYmmdd-HHMMSS&gt;`` and the same name with ``-journal``.</extracomment>
        <translation>Escola was closed in the middle of a save (a power cut or the program forced to close). The half-done save was undone: the file {path} is back as it was at the last completed save. Before that, the file and the transaction journal were kept, as they were, in {folder} ({file} and {journal}).</translation>
    </message>
    <message>
        <source>O arquivo {path} não foi aberto, para não misturá-lo com outro: {reason}. O arquivo não foi alterado.</source>
        <translation>The file {path} was not opened, so as not to mix it with another: {reason}. The file was not changed.</translation>
    </message>
    <message>
        <source>O Escola foi fechado no meio de uma gravação, e o arquivo {path} precisa ser recuperado, mas não pode ser gravado ({problem}). Libere a gravação e abra de novo. O arquivo não foi alterado.</source>
        <translation>Escola was closed in the middle of a save, and the file {path} needs to be recovered, but it cannot be written ({problem}). Allow writing and open it again. The file was not changed.</translation>
    </message>
    <message>
        <source>O Escola foi fechado no meio de uma gravação, e o arquivo {path} precisa ser recuperado. Não há espaço no disco para guardar antes uma cópia dele. Libere espaço e abra de novo. O arquivo não foi alterado.</source>
        <translation>Escola was closed in the middle of a save, and the file {path} needs to be recovered. There is no room on the disk to keep a copy of it first. Free some space and open it again. The file was not changed.</translation>
    </message>
    <message>
        <source>O Escola foi fechado no meio de uma gravação, e o arquivo {path} precisa ser recuperado, mas não foi possível guardar antes uma cópia dele ({problem}). O arquivo não foi alterado.</source>
        <translation>Escola was closed in the middle of a save, and the file {path} needs to be recovered, but a copy of it could not be kept first ({problem}). The file was not changed.</translation>
    </message>
    <message>
        <source>O Escola foi fechado no meio de uma gravação, e a recuperação do arquivo {path} não deu certo ({problem}). O arquivo e o diário, como estavam, foram guardados em {copy}.</source>
        <translation>Escola was closed in the middle of a save, and recovering the file {path} failed ({problem}). The file and the journal, as they were, were kept in {copy}.</translation>
    </message>
    <message>
        <source>{path} é uma pasta, não um arquivo de dados do Escola. Indique o arquivo de dados (por exemplo, {example}). Nada foi alterado.</source>
        <translation>{path} is a folder, not an Escola data file. Give the data file (for example, {example}). Nothing was changed.</translation>
    </message>
    <message>
        <source>O arquivo de dados {path} não pode estar ali: {parent} é um arquivo, não uma pasta. Indique outro lugar para o arquivo de dados. Nada foi alterado.</source>
        <translation>The data file {path} cannot be there: {parent} is a file, not a folder. Give another place for the data file. Nothing was changed.</translation>
    </message>
    <message>
        <source>O ano letivo {ano} não foi encerrado: faltam {n} resultados. Lance-os, ou registre a situação do aluno, e tente de novo.</source>
        <translation>The {ano} school year was not closed: {n} results are missing. Enter them, or record the student&apos;s status, and try again.</translation>
    </message>
    <message>
        <source>O ano letivo {ano} não foi encerrado: falta 1 resultado. Lance-o, ou registre a situação do aluno, e tente de novo.</source>
        <translation>The {ano} school year was not closed: 1 result is missing. Enter it, or record the student&apos;s status, and try again.</translation>
    </message>
</context>
<context>
    <name>dialogs</name>
    <message>
        <source>Sim</source>
        <translation>Yes</translation>
    </message>
    <message>
        <source>Não</source>
        <translation>No</translation>
    </message>
    <message>
        <source>Descartar as alterações?</source>
        <translation>Discard the changes?</translation>
    </message>
    <message>
        <source>As alterações feitas neste formulário ainda não foram salvas. Descartar as alterações?</source>
        <translation>The changes made in this form have not been saved yet. Discard the changes?</translation>
    </message>
    <message>
        <source>Registro não encontrado</source>
        <translation>Record not found</translation>
    </message>
    <message>
        <source>Este registro não existe mais; talvez tenha sido excluído.</source>
        <translation>This record no longer exists; it may have been deleted.</translation>
    </message>
    <message>
        <source>Escolher foto do aluno</source>
        <translation>Choose the student&apos;s photo</translation>
    </message>
    <message>
        <source>Imagens PNG ou JPEG (*.png *.jpg *.jpeg);;Todos os arquivos (*)</source>
        <translation>PNG or JPEG images (*.png *.jpg *.jpeg);;All files (*)</translation>
    </message>
    <message>
        <source>Somente leitura</source>
        <translation>Read-only</translation>
    </message>
    <message>
        <source>Não foi possível concluir</source>
        <translation>Could not finish</translation>
    </message>
    <message>
        <source>Erro inesperado</source>
        <translation>Unexpected error</translation>
    </message>
    <message>
        <source>Não foi possível concluir a operação por um erro inesperado. Nada foi perdido do que já estava salvo. Os detalhes foram gravados no registro (log).</source>
        <translation>The operation could not finish because of an unexpected error. Nothing already saved was lost. The details were written to the log.</translation>
    </message>
    <message>
        <source>Situação alterada manualmente.</source>
        <translation>Status changed by hand.</translation>
    </message>
    <message>
        <source>Motivo: %1</source>
        <translation>Reason: %1</translation>
    </message>
    <message>
        <source>%1 (manual)</source>
        <translation>%1 (manual)</translation>
    </message>
</context>
<context>
    <name>exportar</name>
    <message>
        <source>1 linha exportada para {path}.</source>
        <translation>1 row exported to {path}.</translation>
    </message>
    <message>
        <source>{n} linhas exportadas para {path}.</source>
        <translation>{n} rows exported to {path}.</translation>
    </message>
    <message>
        <source>Exportar lista</source>
        <translation>Export list</translation>
    </message>
    <message>
        <source>O arquivo {name} já existe. Substituir?</source>
        <translation>The file {name} already exists. Replace it?</translation>
    </message>
</context>
<context>
    <name>newer_file_dialog</name>
    <message>
        <source>Este arquivo foi gravado pelo Escola {needed} (revisão de esquema {revision}). Para abri-lo, instale o Escola {needed} ou mais novo.</source>
        <translation>This file was written by Escola {needed} (schema revision {revision}). To open it, install Escola {needed} or newer.</translation>
    </message>
    <message>
        <source>Este arquivo foi gravado por uma versão mais nova do Escola, com a revisão de esquema {revision}, que esta versão não conhece. Para abri-lo, instale uma versão mais nova do Escola.</source>
        <translation>This file was written by a newer version of Escola, with schema revision {revision}, which this version does not know. To open it, install a newer version of Escola.</translation>
    </message>
    <message>
        <source>versão desconhecida</source>
        <translation>unknown version</translation>
    </message>
    <message>
        <source>alunos: desconhecido</source>
        <translation>students: unknown</translation>
    </message>
    <message>
        <source>1 aluno</source>
        <translation>1 student</translation>
    </message>
    <message>
        <source>{n} alunos</source>
        <translation>{n} students</translation>
    </message>
    <message>
        <source>Restaurar a cópia de {data} ({version}, {alunos})</source>
        <translation>Restore the copy of {data} ({version}, {alunos})</translation>
    </message>
</context>
<context>
    <name>read_only</name>
    <message>
        <source>O arquivo está aberto somente para leitura: as alterações estão desativadas. Nada foi gravado.</source>
        <translation>The file is open read-only: changes are disabled. Nothing was saved.</translation>
    </message>
    <message>
        <source>Fechar</source>
        <translation>Close</translation>
    </message>
</context>
<context>
    <name>relatorios</name>
    <message>
        <source>Ficha do aluno</source>
        <translation type="unfinished">Student record</translation>
    </message>
    <message>
        <source>Dados do aluno</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Documentos</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Contatos</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Matrículas</source>
        <translation type="unfinished">Enrollments</translation>
    </message>
    <message>
        <source>Nome</source>
        <translation type="unfinished">Name</translation>
    </message>
    <message>
        <source>Nome social</source>
        <translation type="unfinished">Social name</translation>
    </message>
    <message>
        <source>RA</source>
        <translation type="unfinished">RA</translation>
    </message>
    <message>
        <source>Sexo</source>
        <translation type="unfinished">Sex</translation>
    </message>
    <message>
        <source>Cor/raça</source>
        <translation type="unfinished">Color/race</translation>
    </message>
    <message>
        <source>CPF</source>
        <translation type="unfinished">CPF</translation>
    </message>
    <message>
        <source>RG</source>
        <translation type="unfinished">RG</translation>
    </message>
    <message>
        <source>Certidão de nascimento</source>
        <translation type="unfinished">Birth certificate</translation>
    </message>
    <message>
        <source>NIS (PIS/PASEP)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Código INEP</source>
        <translation type="unfinished">INEP code</translation>
    </message>
    <message>
        <source>Data de nascimento</source>
        <translation type="unfinished">Date of birth</translation>
    </message>
    <message>
        <source>Ativo</source>
        <translation type="unfinished">Active</translation>
    </message>
    <message>
        <source>E-mail</source>
        <translation type="unfinished">E-mail</translation>
    </message>
    <message>
        <source>Telefones</source>
        <translation type="unfinished">Phones</translation>
    </message>
    <message>
        <source>Outros e-mails</source>
        <translation type="unfinished">Other e-mails</translation>
    </message>
    <message>
        <source>Curso</source>
        <translation type="unfinished">Course</translation>
    </message>
    <message>
        <source>Data da matrícula</source>
        <translation type="unfinished">Enrollment date</translation>
    </message>
    <message>
        <source>Observações</source>
        <translation type="unfinished">Notes</translation>
    </message>
    <message>
        <source>Nenhuma matrícula registrada.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Responsáveis</source>
        <translation type="unfinished">Guardians</translation>
    </message>
    <message>
        <source>Parentesco</source>
        <translation type="unfinished">Relationship</translation>
    </message>
    <message>
        <source>Legal</source>
        <translation type="unfinished">Legal</translation>
    </message>
    <message>
        <source>E-mails</source>
        <translation type="unfinished">E-mails</translation>
    </message>
    <message>
        <source>Nenhum responsável cadastrado.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Secretaria escolar</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Boletim escolar</source>
        <translation type="unfinished">Report card</translation>
    </message>
    <message>
        <source>Boletins da turma</source>
        <translation type="unfinished">Class report cards</translation>
    </message>
    <message>
        <source>Histórico escolar</source>
        <translation type="unfinished">School transcript</translation>
    </message>
    <message>
        <source>Atestado de matrícula</source>
        <translation type="unfinished">Enrollment certificate</translation>
    </message>
    <message>
        <source>Ata de resultados finais</source>
        <translation type="unfinished">Final results minutes</translation>
    </message>
    <message>
        <source>Identificação</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Notas e frequência</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Resultado do ano</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Anos letivos cursados</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Componentes curriculares</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Resultados por aluno</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Resumo</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Aluno(a)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Turma</source>
        <translation type="unfinished">Class</translation>
    </message>
    <message>
        <source>Série/ano</source>
        <translation type="unfinished">Grade/year</translation>
    </message>
    <message>
        <source>Turno</source>
        <translation type="unfinished">Shift</translation>
    </message>
    <message>
        <source>Ano letivo</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Saída da turma</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Frequência no ano</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Situação final</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Frequência até agora</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Situação até agora</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Motivo</source>
        <translation type="unfinished">Reason</translation>
    </message>
    <message>
        <source>Pelas notas e faltas</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>INEP</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Disciplina</source>
        <translation type="unfinished">Subject</translation>
    </message>
    <message>
        <source>Rec. final</source>
        <translation type="unfinished">Final make-up</translation>
    </message>
    <message>
        <source>Média</source>
        <translation type="unfinished">Average</translation>
    </message>
    <message>
        <source>Faltas</source>
        <translation type="unfinished">Absences</translation>
    </message>
    <message>
        <source>Freq.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Situação</source>
        <translation type="unfinished">Status</translation>
    </message>
    <message>
        <source>Ano</source>
        <translation type="unfinished">Year</translation>
    </message>
    <message>
        <source>Carga horária</source>
        <translation type="unfinished">Workload</translation>
    </message>
    <message>
        <source>Média final</source>
        <translation type="unfinished">Final average</translation>
    </message>
    <message>
        <source>Nº</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Alunos</source>
        <translation type="unfinished">Students</translation>
    </message>
    <message>
        <source>Nenhuma disciplina cadastrada nesta turma.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Escola e município</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Média/conceito</source>
        <translation type="unfinished">Average/letter</translation>
    </message>
    <message>
        <source>Nenhuma disciplina registrada.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Anos cursados em outras escolas conforme documentos apresentados: a média ou o conceito, a carga horária, a frequência e a situação são os que esses documentos registram.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{ano}, {serie} ({escola}): {observacoes}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Nenhum ano letivo registrado.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Secretário(a) escolar</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Diretor(a)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Aprovação com média final de pelo menos {media} em cada disciplina e frequência de pelo menos {frequencia} do total de aulas.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Entre parênteses, a recuperação do período: substitui a menor nota, se for maior.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Rec. final: a recuperação final substitui a média, se for maior.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Disciplinas: {lista}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Resultado provisório: o ano letivo ainda não foi encerrado. A frequência conta as aulas dadas até agora; a situação final sai quando o ano for encerrado, ou quando todas as notas, as faltas de todos os períodos e a recuperação necessária estiverem lançadas.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{aluno}: {situacao}. Motivo: {motivo}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{ano}, {turma}: {situacao}. Motivo: {motivo}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Atestamos, para os devidos fins, que {nome}, RA {ra}, {nascido} em {nascimento}, está regularmente {matriculado} {no} {serie}, turma {turma}, turno {turno}, no ano letivo de {ano}, nesta unidade escolar.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Atestamos, para os devidos fins, que {nome}, RA {ra}, está regularmente {matriculado} {no} {serie}, turma {turma}, turno {turno}, no ano letivo de {ano}, nesta unidade escolar.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Por ser verdade, firmamos o presente atestado.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Resultados finais da turma {turma} ({serie}, turno {turno}) no ano letivo de {ano}: a média final de cada disciplina, a frequência no ano e a situação final de cada aluno.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Total</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{nome} não está em nenhuma turma; não há boletim para imprimir.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{nome} não esteve em nenhuma turma em {ano}; não há boletim desse ano para imprimir.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{nome} não está em nenhuma turma de um ano letivo em andamento; não há atestado de matrícula para emitir.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{nome} ainda não tem anos letivos registrados; não há histórico escolar para imprimir.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A turma {turma} não tem alunos; não há boletins para imprimir.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A turma {turma} nunca teve alunos; não há ata para imprimir.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Os resultados da turma {turma} em {ano} ainda não são finais: 1 aluno tem situação provisória ({nomes}). A ata de resultados finais pode ser impressa quando o ano letivo for encerrado em Configurações, ou quando todas as notas, as faltas de todos os períodos e as recuperações estiverem lançadas. Para conferir antes, imprima os boletins da turma.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Os resultados da turma {turma} em {ano} ainda não são finais: {n} alunos têm situação provisória ({nomes}). A ata de resultados finais pode ser impressa quando o ano letivo for encerrado em Configurações, ou quando todas as notas, as faltas de todos os períodos e as recuperações estiverem lançadas. Para conferir antes, imprima os boletins da turma.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Emitido em {data}</source>
        <translation type="unfinished">Issued on {data}</translation>
    </message>
</context>
<context>
    <name>reports</name>
    <message>
        <source>Documento PDF (*.pdf)</source>
        <translation>PDF document (*.pdf)</translation>
    </message>
    <message>
        <source>{titulo} — visualizar e imprimir</source>
        <translation>{titulo} — preview and print</translation>
    </message>
    <message>
        <source>Imprimir…</source>
        <translation>Print…</translation>
    </message>
    <message>
        <source>Salvar PDF…</source>
        <translation>Save PDF…</translation>
    </message>
    <message>
        <source>Grava o documento em um arquivo PDF</source>
        <translation>Saves the document to a PDF file</translation>
    </message>
    <message>
        <source>Fechar</source>
        <translation>Close</translation>
    </message>
    <message>
        <source>Salvar PDF</source>
        <translation>Save PDF</translation>
    </message>
    <message>
        <source>O arquivo {name} já existe. Substituir?</source>
        <translation>The file {name} already exists. Replace it?</translation>
    </message>
    <message>
        <source>Não foi possível salvar o PDF em {path}.

{reason}</source>
        <translation>Could not save the PDF to {path}.

{reason}</translation>
    </message>
    <message>
        <source>Gravando {name}…</source>
        <translation>Saving {name}…</translation>
    </message>
</context>
<context>
    <name>responsaveis</name>
    <message>
        <source>Mãe</source>
        <translation>Mother</translation>
    </message>
    <message>
        <source>Pai</source>
        <translation>Father</translation>
    </message>
    <message>
        <source>Avó/Avô</source>
        <translation>Grandparent</translation>
    </message>
    <message>
        <source>Tio/Tia</source>
        <translation>Uncle/Aunt</translation>
    </message>
    <message>
        <source>Irmão/Irmã</source>
        <translation>Sibling</translation>
    </message>
    <message>
        <source>Outro</source>
        <translation>Other</translation>
    </message>
    <message>
        <source>Sim</source>
        <translation>Yes</translation>
    </message>
    <message>
        <source>Não</source>
        <translation>No</translation>
    </message>
</context>
<context>
    <name>restore_dialog</name>
    <message>
        <source>antes de atualizar (fixa)</source>
        <translation>before upgrading (pinned)</translation>
    </message>
    <message>
        <source>automática</source>
        <translation>automatic</translation>
    </message>
    <message>
        <source>manual</source>
        <translation>manual</translation>
    </message>
    <message>
        <source>desconhecida</source>
        <translation>unknown</translation>
    </message>
    <message>
        <source>Data</source>
        <translation>Date</translation>
    </message>
    <message>
        <source>Tipo</source>
        <translation>Type</translation>
    </message>
    <message>
        <source>Versão do Escola</source>
        <translation>Escola version</translation>
    </message>
    <message>
        <source>Revisão</source>
        <translation>Revision</translation>
    </message>
    <message>
        <source>Alunos</source>
        <translation>Students</translation>
    </message>
    <message>
        <source>Tamanho</source>
        <translation>Size</translation>
    </message>
    <message>
        <source>Cópia feita antes de uma atualização; a rotação nunca a apaga.
{path}</source>
        <translation>Copy made before an upgrade; rotation never deletes it.
{path}</translation>
    </message>
    <message>
        <source>(alunos: desconhecido)</source>
        <translation>(students: unknown)</translation>
    </message>
    <message>
        <source>Restaurar a cópia de segurança de {data} {alunos}?

O arquivo atual será guardado como {aside} e o Escola reabre com o arquivo restaurado (atualizando-o, se a cópia for de uma versão anterior).</source>
        <translation>Restore the backup of {data} {alunos}?

The current file will be kept as {aside} and Escola reopens with the restored file (upgrading it, if the copy is from an earlier version).</translation>
    </message>
    <message>
        <source>com um número de alunos desconhecido</source>
        <translation>with an unknown number of students</translation>
    </message>
    <message>
        <source>com 1 aluno</source>
        <translation>with 1 student</translation>
    </message>
    <message>
        <source>com {n} alunos</source>
        <translation>with {n} students</translation>
    </message>
    <message>
        <source>Restaurar o arquivo {path}, de {data}, {alunos}?

Ele passa pelas mesmas verificações de uma cópia da pasta backups. O arquivo atual será guardado como {aside} e o Escola reabre com o arquivo restaurado.</source>
        <translation>Restore the file {path}, from {data}, {alunos}?

It goes through the same checks as a copy from the backups folder. The current file will be kept as {aside} and Escola reopens with the restored file.</translation>
    </message>
    <message>
        <source>Apagar para sempre a cópia manual de {data} {alunos}?

{path}

As cópias manuais só são apagadas assim, por você; esta não poderá ser recuperada.</source>
        <translation>Delete for good the manual copy of {data} {alunos}?

{path}

Manual copies are only ever deleted this way, by you; this one cannot be recovered.</translation>
    </message>
</context>
<context>
    <name>turmas</name>
    <message>
        <source>Calculada pelas notas</source>
        <translation>Calculated from the grades</translation>
    </message>
    <message>
        <source> e </source>
        <translation> and </translation>
    </message>
    <message>
        <source> e mais {n}</source>
        <translation> and {n} more</translation>
    </message>
    <message>
        <source> (manual)</source>
        <translation> (manual)</translation>
    </message>
    <message>
        <source>{ano} (encerrado)</source>
        <translation>{ano} (closed)</translation>
    </message>
</context>
<context>
    <name>validation</name>
    <message>
        <source>Informe a nota.</source>
        <extracomment>The scales a rule may use: notas from 0 to 10 (the default) or from 0 to 100.</extracomment>
        <translation>Enter the grade.</translation>
    </message>
    <message>
        <source>Nota inválida. Use um número de 0 a 10, como 7,5.</source>
        <translation>Invalid grade. Use a number from 0 to 10, like 7,5.</translation>
    </message>
    <message>
        <source>A nota deve estar entre 0 e 10.</source>
        <translation>The grade must be between 0 and 10.</translation>
    </message>
    <message>
        <source>A nota deve ter no máximo uma casa decimal, como 7,5.</source>
        <translation>The grade must have at most one decimal place, like 7,5.</translation>
    </message>
    <message>
        <source>Nota inválida. Use um número de 0 a 100, como 75.</source>
        <translation>Invalid grade. Use a number from 0 to 100, such as 75.</translation>
    </message>
    <message>
        <source>A nota deve estar entre 0 e 100.</source>
        <translation>The grade must be between 0 and 100.</translation>
    </message>
    <message>
        <source>A nota deve ter no máximo uma casa decimal, como 75,5.</source>
        <translation>The grade may have at most one decimal place, such as 75.5.</translation>
    </message>
    <message>
        <source>As notas vão de 0 a 10 ou de 0 a 100.</source>
        <translation>Grades go from 0 to 10 or from 0 to 100.</translation>
    </message>
    <message>
        <source>A média para aprovação deve estar entre 0 e 100, com no máximo uma casa decimal.</source>
        <translation>The passing average must be between 0 and 100, with at most one decimal place.</translation>
    </message>
    <message>
        <source>Na tabela de arredondamento, cada faixa vai de uma nota menor a uma maior, sem se sobrepor às outras, e arredonda para uma nota da escala.</source>
        <translation>In the rounding table, each range goes from a lower grade to a higher one, without overlapping the others, and rounds to a grade of the scale.</translation>
    </message>
    <message>
        <source>Informe o conceito.</source>
        <translation>Enter the grade letter.</translation>
    </message>
    <message>
        <source>Conceito inválido. Use um dos conceitos da regra de avaliação.</source>
        <translation>Invalid grade letter. Use one of the evaluation rule&apos;s letters.</translation>
    </message>
    <message>
        <source>Informe os conceitos sem repetir nenhum, e ao menos um que aprove o aluno.</source>
        <translation>Enter the grade letters without repeating any, and at least one that passes the student.</translation>
    </message>
    <message>
        <source>A recuperação só existe na avaliação por notas.</source>
        <translation>Make-up exams exist only in numeric grading.</translation>
    </message>
    <message>
        <source>O número de disciplinas em dependência deve ser um número inteiro, zero ou mais.</source>
        <translation>The number of subjects carried over must be a whole number, zero or more.</translation>
    </message>
    <message>
        <source>Na média ponderada, informe um peso maior que zero para cada período.</source>
        <translation>For the weighted mean, give each term a weight greater than zero.</translation>
    </message>
    <message>
        <source>A quantidade de períodos deve ser um número inteiro positivo.</source>
        <translation>The number of terms must be a positive whole number.</translation>
    </message>
    <message>
        <source>A média para aprovação deve estar entre 0 e 10, com no máximo uma casa decimal.</source>
        <translation>The passing average must be between 0 and 10, with at most one decimal place.</translation>
    </message>
    <message>
        <source>A frequência mínima deve ser uma porcentagem entre 0 e 100.</source>
        <translation>The minimum attendance must be a percentage between 0 and 100.</translation>
    </message>
    <message>
        <source>As aulas dadas e as faltas devem ser números inteiros, sem valores negativos.</source>
        <translation>Classes given and absences must be whole numbers, with no negative values.</translation>
    </message>
    <message>
        <source>O número de faltas não pode ser maior que o de aulas dadas.</source>
        <translation>The number of absences cannot be greater than the classes given.</translation>
    </message>
    <message>
        <source>A regra de avaliação não prevê recuperação.</source>
        <translation>The assessment rule has no make-up.</translation>
    </message>
    <message>
        <source>Informe uma única nota de recuperação final.</source>
        <translation>Enter a single final make-up grade.</translation>
    </message>
    <message>
        <source>A recuperação final depois das recuperações de cada período pede uma recuperação por período.</source>
        <translation>A final make-up after each term&apos;s make-up needs a make-up per term.</translation>
    </message>
    <message>
        <source>Há mais notas de recuperação do que períodos para substituir.</source>
        <translation>There are more make-up grades than terms to replace.</translation>
    </message>
    <message>
        <source>Informe o motivo da alteração manual da situação.</source>
        <translation>Enter the reason for changing the status by hand.</translation>
    </message>
    <message>
        <source>Média aritmética</source>
        <translation>Arithmetic mean</translation>
    </message>
    <message>
        <source>Média ponderada</source>
        <translation>Weighted mean</translation>
    </message>
    <message>
        <source>Nota</source>
        <extracomment>A nota on the rule&apos;s scale; the média decides. A conceito of the rule&apos;s list (A–E by default); the last período&apos;s conceito decides. A parecer descritivo (text) per período; no numeric result (see :func:`situacao_final_disciplina`).</extracomment>
        <translation>Grade</translation>
    </message>
    <message>
        <source>Conceito</source>
        <translation>Grade letter</translation>
    </message>
    <message>
        <source>Parecer descritivo</source>
        <translation>Descriptive report</translation>
    </message>
    <message>
        <source>A recuperação substitui a menor nota, se for maior</source>
        <extracomment>A recuperação during the year replaces the lowest nota among the períodos. The recuperação final (after the last período) replaces the média. Each período&apos;s recuperação replaces that período&apos;s nota (i-Educar&apos;s ``USAR_POR_ETAPA``).</extracomment>
        <translation>The make-up replaces the lowest grade, if higher</translation>
    </message>
    <message>
        <source>A recuperação final substitui a média, se for maior</source>
        <translation>The final make-up replaces the average, if higher</translation>
    </message>
    <message>
        <source>A recuperação de cada período substitui a nota desse período, se for maior</source>
        <translation>Each term&apos;s make-up replaces that term&apos;s grade, if higher</translation>
    </message>
    <message>
        <source>Cursando</source>
        <extracomment>The recuperações typed in each período&apos;s column. Moved to a turma of another etapa during the year (LDB art. 23 §1), with the ata&apos;s motivo. A disciplina the aluno was excused from (a dispensa): shown, never counted, never stored.</extracomment>
        <translation>In progress</translation>
    </message>
    <message>
        <source>Aprovado</source>
        <translation>Passed</translation>
    </message>
    <message>
        <source>Retido</source>
        <translation>Held back</translation>
    </message>
    <message>
        <source>Transferido</source>
        <translation>Transferred</translation>
    </message>
    <message>
        <source>Abandono</source>
        <translation>Dropped out</translation>
    </message>
    <message>
        <source>Reprovado por faltas</source>
        <translation>Failed for absences</translation>
    </message>
    <message>
        <source>Falecido</source>
        <translation>Deceased</translation>
    </message>
    <message>
        <source>Remanejado</source>
        <translation>Moved</translation>
    </message>
    <message>
        <source>Em recuperação</source>
        <translation>In recovery</translation>
    </message>
    <message>
        <source>Em risco por faltas</source>
        <translation>At risk for absences</translation>
    </message>
    <message>
        <source>Aprovado pelo conselho de classe</source>
        <translation>Passed by the class council</translation>
    </message>
    <message>
        <source>Aprovado com dependência</source>
        <translation>Passed with subjects carried over</translation>
    </message>
    <message>
        <source>Reclassificado</source>
        <translation>Reclassified</translation>
    </message>
    <message>
        <source>Dispensado</source>
        <translation>Exempt</translation>
    </message>
    <message>
        <source>Ótimo</source>
        <extracomment>The default conceitos, best first: A, B and C approve, D and E do not.</extracomment>
        <translation>Excellent</translation>
    </message>
    <message>
        <source>Bom</source>
        <translation>Good</translation>
    </message>
    <message>
        <source>Regular</source>
        <translation>Fair</translation>
    </message>
    <message>
        <source>Insuficiente</source>
        <translation>Insufficient</translation>
    </message>
    <message>
        <source>Muito insuficiente</source>
        <translation>Very insufficient</translation>
    </message>
    <message>
        <source>A matrícula da certidão de nascimento deve ter 32 dígitos (modelo novo, a partir de 2010).</source>
        <translation>The birth certificate registration number must have 32 digits (new model, from 2010 on).</translation>
    </message>
    <message>
        <source>Matrícula da certidão inválida: os dígitos verificadores não conferem.</source>
        <translation>Invalid certificate registration number: the check digits do not match.</translation>
    </message>
    <message>
        <source>O NIS (PIS/PASEP) deve ter 11 dígitos, como 469.52280.63-7.</source>
        <translation>The NIS (PIS/PASEP) must have 11 digits, like 469.52280.63-7.</translation>
    </message>
    <message>
        <source>NIS (PIS/PASEP) inválido: o dígito verificador não confere.</source>
        <translation>Invalid NIS (PIS/PASEP): the check digit does not match.</translation>
    </message>
    <message>
        <source>O código INEP da escola deve ter 8 dígitos.</source>
        <translation>The school&apos;s INEP code must have 8 digits.</translation>
    </message>
    <message>
        <source>O código INEP do aluno deve ter 12 dígitos.</source>
        <translation>The student&apos;s INEP code must have 12 digits.</translation>
    </message>
    <message>
        <source>Informe o nome da escola.</source>
        <translation>Enter the school&apos;s name.</translation>
    </message>
    <message>
        <source>O nome da escola deve ter no máximo 150 caracteres.</source>
        <translation>The school&apos;s name must have at most 150 characters.</translation>
    </message>
    <message>
        <source>A UF deve ter duas letras, como SP.</source>
        <translation>The state must have two letters, like SP.</translation>
    </message>
    <message>
        <source>Informe o ano com quatro dígitos, entre 1900 e 2200.</source>
        <translation>Enter the year with four digits, between 1900 and 2200.</translation>
    </message>
    <message>
        <source>Este ano letivo já está cadastrado.</source>
        <translation>This school year is already registered.</translation>
    </message>
    <message>
        <source>Escolha bimestres, trimestres ou semestres.</source>
        <translation>Choose quarters, trimesters or semesters.</translation>
    </message>
    <message>
        <source>Escolha a fórmula da média na lista.</source>
        <translation>Choose the average formula from the list.</translation>
    </message>
    <message>
        <source>Escolha a regra de recuperação na lista.</source>
        <translation>Choose the make-up rule from the list.</translation>
    </message>
    <message>
        <source>Os períodos não podem mudar: este ano letivo já tem notas ou frequência lançadas.</source>
        <translation>The terms cannot change: this school year already has grades or attendance entered.</translation>
    </message>
    <message>
        <source>Este ano letivo tem turmas; exclua-as antes de excluir o ano.</source>
        <translation>This school year has classes; delete them before deleting the year.</translation>
    </message>
    <message>
        <source>Já existe uma disciplina com este nome.</source>
        <translation>A subject with this name already exists.</translation>
    </message>
    <message>
        <source>A abreviatura deve ter no máximo 10 caracteres.</source>
        <translation>The abbreviation must have at most 10 characters.</translation>
    </message>
    <message>
        <source>Esta disciplina é usada por turmas; retire-a das turmas antes de excluí-la.</source>
        <translation>This subject is used by classes; remove it from the classes before deleting it.</translation>
    </message>
    <message>
        <source>Esta disciplina tem notas ou frequência lançadas em turmas de que já foi retirada; elas ficam guardadas, e por isso a disciplina não pode ser excluída.</source>
        <translation>This subject has grades or attendance entered in classes it was removed from; they are kept, so the subject cannot be deleted.</translation>
    </message>
    <message>
        <source>A turma já tem alunos; o ano letivo dela não pode mais mudar.</source>
        <translation>The class already has students; its school year can no longer change.</translation>
    </message>
    <message>
        <source>{nome} já está em outra turma neste ano letivo; não pode voltar a esta.</source>
        <translation>{nome} is already in another class in this school year; they cannot come back to this one.</translation>
    </message>
    <message>
        <source>Informe o nome da turma, como 6º ano A.</source>
        <translation>Enter the class name, like 6º ano A.</translation>
    </message>
    <message>
        <source>O nome da turma deve ter no máximo 50 caracteres.</source>
        <translation>The class name must have at most 50 characters.</translation>
    </message>
    <message>
        <source>Já existe uma turma com este nome neste ano letivo.</source>
        <translation>A class with this name already exists in this school year.</translation>
    </message>
    <message>
        <source>Informe a série/ano, como 6º ano.</source>
        <translation>Enter the grade/year, like 6º ano.</translation>
    </message>
    <message>
        <source>A série deve ter no máximo 50 caracteres.</source>
        <translation>The grade must have at most 50 characters.</translation>
    </message>
    <message>
        <source>A sala deve ter no máximo 30 caracteres.</source>
        <translation>The room must have at most 30 characters.</translation>
    </message>
    <message>
        <source>Escolha o turno na lista.</source>
        <translation>Choose the shift from the list.</translation>
    </message>
    <message>
        <source>Escolha o ano letivo.</source>
        <translation>Choose the school year.</translation>
    </message>
    <message>
        <source>As vagas devem ser um número inteiro, sem valor negativo.</source>
        <translation>Seats must be a whole number, with no negative value.</translation>
    </message>
    <message>
        <source>A carga horária deve ser um número inteiro positivo.</source>
        <translation>The workload must be a positive whole number.</translation>
    </message>
    <message>
        <source>Informe a data de entrada na turma.</source>
        <translation>Enter the date of entry into the class.</translation>
    </message>
    <message>
        <source>Já está em uma turma neste ano letivo: {nomes}.</source>
        <translation>Already in a class in this school year: {nomes}.</translation>
    </message>
    <message>
        <source>A turma tem {vagas} vagas e ficaria com {total} alunos.</source>
        <translation>The class has {vagas} seats and would have {total} students.</translation>
    </message>
    <message>
        <source>Escolha uma turma diferente da atual.</source>
        <translation>Choose a class other than the current one.</translation>
    </message>
    <message>
        <source>O remanejamento é para uma turma do mesmo ano letivo.</source>
        <translation>A move is to a class of the same school year.</translation>
    </message>
    <message>
        <source>A reclassificação é para uma turma do mesmo ano letivo.</source>
        <translation>The reclassification is into a class of the same school year.</translation>
    </message>
    <message>
        <source>A turma {turma} é da mesma etapa ({etapa}): para ela, use Remanejar.</source>
        <translation>The class {turma} is of the same stage ({etapa}): for it, use Move.</translation>
    </message>
    <message>
        <source>A turma {turma} ainda não tem etapa; escolha-a em Configurações → Etapas.</source>
        <translation>The class {turma} has no stage yet; choose it in Settings → Stages.</translation>
    </message>
    <message>
        <source>Informe a ata da reclassificação (número e data) ou o motivo.</source>
        <translation>Enter the reclassification record (number and date) or the reason.</translation>
    </message>
    <message>
        <source>Este aluno já saiu da turma.</source>
        <translation>This student has already left the class.</translation>
    </message>
    <message>
        <source>A data de saída não pode ser anterior à de entrada.</source>
        <translation>The exit date cannot be before the entry date.</translation>
    </message>
    <message>
        <source>O ano letivo {ano} está encerrado. Para alterar, reabra-o em Configurações.</source>
        <translation>School year {ano} is closed. To change it, reopen it in Settings.</translation>
    </message>
    <message>
        <source>Esta disciplina não faz parte da turma.</source>
        <translation>This subject is not part of the class.</translation>
    </message>
    <message>
        <source>{nome} veio da turma {origem} por remanejamento e voltaria para ela, mas já está na turma {turma} neste ano letivo. Retire primeiro a matrícula na turma {turma}.</source>
        <translation>{nome} came from class {origem} by a move and would go back to it, but is already in class {turma} in this school year. First remove the enrollment in class {turma}.</translation>
    </message>
    <message>
        <source>Informe o nome da escola onde o ano foi cursado.</source>
        <translation>Enter the name of the school where the year was taken.</translation>
    </message>
    <message>
        <source>O município deve ter no máximo 100 caracteres.</source>
        <translation>The city must have at most 100 characters.</translation>
    </message>
    <message>
        <source>Escolha a situação na lista.</source>
        <translation>Choose the status from the list.</translation>
    </message>
    <message>
        <source>A frequência deve ser uma porcentagem de 0 a 100, com no máximo uma casa decimal, como 92,5.</source>
        <translation>The attendance must be a percentage from 0 to 100, with at most one decimal place, like 92,5.</translation>
    </message>
    <message>
        <source>Este aluno já tem o {serie} de {ano} registrado; edite o registro que já existe.</source>
        <translation>This student already has {serie} of {ano} recorded; edit the existing record.</translation>
    </message>
    <message>
        <source>Linha {linha}: informe o nome da disciplina.</source>
        <translation>Row {linha}: enter the subject&apos;s name.</translation>
    </message>
    <message>
        <source>Linha {linha}: o nome da disciplina deve ter no máximo 100 caracteres.</source>
        <translation>Row {linha}: the subject&apos;s name must have at most 100 characters.</translation>
    </message>
    <message>
        <source>A disciplina {disciplina} aparece mais de uma vez.</source>
        <translation>The subject {disciplina} appears more than once.</translation>
    </message>
    <message>
        <source>{disciplina}: informe a média (de 0 a 10) ou o conceito, como A ou Apto.</source>
        <translation>{disciplina}: enter the average (0 to 10) or the grade letter, like A or Apto.</translation>
    </message>
    <message>
        <source>{disciplina}: informe a média ou o conceito, não os dois.</source>
        <translation>{disciplina}: enter the average or the grade letter, not both.</translation>
    </message>
    <message>
        <source>{disciplina}: a média deve ser um número de 0 a 10, como 7,5.</source>
        <translation>{disciplina}: the average must be a number from 0 to 10, like 7,5.</translation>
    </message>
    <message>
        <source>{disciplina}: a média deve estar entre 0 e 10.</source>
        <translation>{disciplina}: the average must be between 0 and 10.</translation>
    </message>
    <message>
        <source>{disciplina}: a média deve ter no máximo uma casa decimal, como 7,5.</source>
        <translation>{disciplina}: the average must have at most one decimal place, like 7,5.</translation>
    </message>
    <message>
        <source>{disciplina}: o conceito deve ter no máximo 20 caracteres.</source>
        <translation>{disciplina}: the grade letter must have at most 20 characters.</translation>
    </message>
    <message>
        <source>{disciplina}: a carga horária deve ser um número inteiro positivo de horas.</source>
        <translation>{disciplina}: the workload must be a positive whole number of hours.</translation>
    </message>
    <message>
        <source>{n}º bimestre</source>
        <extracomment>The situações of a year still running: no verdict yet. Computed while the year runs, never stored nor chosen by hand. The final situações that move the aluno on to the next etapa. The final situações that keep the aluno in the same etapa.</extracomment>
        <translation>Quarter {n}</translation>
    </message>
    <message>
        <source>{n}º trimestre</source>
        <translation>Trimester {n}</translation>
    </message>
    <message>
        <source>{n}º semestre</source>
        <translation>Semester {n}</translation>
    </message>
    <message>
        <source>Bimestres (4)</source>
        <translation>Quarters (4)</translation>
    </message>
    <message>
        <source>Trimestres (3)</source>
        <translation>Trimesters (3)</translation>
    </message>
    <message>
        <source>Semestres (2)</source>
        <translation>Semesters (2)</translation>
    </message>
    <message>
        <source>Matutino</source>
        <extracomment>The motivo kept in the history when deleting an enturmação reopens the one it came from. Situações set by hand that end the aluno&apos;s time in the turma (data_saida is filled). The moves within the year that close an enturmação and open another (undone together).</extracomment>
        <translation>Morning</translation>
    </message>
    <message>
        <source>Vespertino</source>
        <translation>Afternoon</translation>
    </message>
    <message>
        <source>Noturno</source>
        <translation>Evening</translation>
    </message>
    <message>
        <source>Integral</source>
        <translation>Full-time</translation>
    </message>
    <message>
        <source>Data de nascimento inválida. Use dd/mm/aaaa, como 04/03/2010.</source>
        <translation>Invalid date of birth. Use dd/mm/yyyy, like 04/03/2010.</translation>
    </message>
    <message>
        <source>Esta data de nascimento não existe no calendário.</source>
        <translation>This birth date does not exist in the calendar.</translation>
    </message>
    <message>
        <source>Valor inválido em Ativo. Use Sim ou Não (ou Ativo e Inativo).</source>
        <translation>Invalid value in Ativo. Use Sim or Não (or Ativo and Inativo).</translation>
    </message>
    <message>
        <source>Sexo inválido. Use F, M, Feminino ou Masculino.</source>
        <translation>Invalid sex. Use F, M, Feminino or Masculino.</translation>
    </message>
    <message>
        <source>Cor/raça inválida. Use Branca, Preta, Parda, Amarela, Indígena ou Não declarada.</source>
        <translation>Invalid color/race. Use Branca, Preta, Parda, Amarela, Indígena or Não declarada.</translation>
    </message>
    <message>
        <source>Parentesco inválido. Use Mãe, Pai, Avó, Avô, Tio, Tia, Irmão, Irmã ou Outro.</source>
        <translation>Invalid relationship. Use Mãe, Pai, Avó, Avô, Tio, Tia, Irmão, Irmã or Outro.</translation>
    </message>
    <message>
        <source>Este CPF aparece em mais de uma linha do arquivo.</source>
        <translation>This CPF appears in more than one row of the file.</translation>
    </message>
    <message>
        <source>Este e-mail aparece em mais de uma linha do arquivo.</source>
        <translation>This e-mail appears in more than one row of the file.</translation>
    </message>
    <message>
        <source>Este número aparece em mais de uma linha do arquivo.</source>
        <translation>This number appears in more than one row of the file.</translation>
    </message>
    <message>
        <source>Este aluno (mesmo nome e data de nascimento, sem CPF) aparece em mais de uma linha do arquivo.</source>
        <translation>This student (same name and date of birth, no CPF) appears in more than one row of the file.</translation>
    </message>
    <message>
        <source>Mais de uma linha do arquivo corresponde ao mesmo aluno cadastrado.</source>
        <translation>More than one row of the file matches the same registered student.</translation>
    </message>
    <message>
        <source>Há mais de um aluno cadastrado sem CPF com este nome e esta data de nascimento. Informe o CPF na planilha.</source>
        <translation>More than one student without a CPF is registered with this name and date of birth. Give the CPF in the spreadsheet.</translation>
    </message>
    <message>
        <source>Informe o nome do responsável: a linha traz o CPF ou o telefone, mas não o nome.</source>
        <translation>Enter the guardian&apos;s name: the row has the CPF or the phone, but not the name.</translation>
    </message>
    <message>
        <source>Este CPF de responsável aparece com outro nome no arquivo.</source>
        <translation>This guardian&apos;s CPF appears with another name in the file.</translation>
    </message>
    <message>
        <source>Responsável legal não reconhecido. Escreva Mãe, Pai, Responsável ou o nome de um dos responsáveis da linha.</source>
        <translation>Legal guardian not recognized. Write Mãe, Pai, Responsável or the name of one of the row&apos;s guardians.</translation>
    </message>
    <message>
        <source>A linha não traz o nome do responsável legal indicado.</source>
        <translation>The row does not have the name of the legal guardian given.</translation>
    </message>
    <message>
        <source>Este e-mail já está cadastrado para outro aluno.</source>
        <translation>This e-mail is already registered for another student.</translation>
    </message>
    <message>
        <source>Este CPF já está cadastrado para outro aluno.</source>
        <translation>This CPF is already registered for another student.</translation>
    </message>
    <message>
        <source>Esta certidão de nascimento já está cadastrada para outro aluno.</source>
        <translation>This birth certificate is already registered for another student.</translation>
    </message>
    <message>
        <source>Este NIS já está cadastrado para outro aluno.</source>
        <translation>This NIS is already registered for another student.</translation>
    </message>
    <message>
        <source>Este código INEP já está cadastrado para outro aluno.</source>
        <translation>This INEP code is already registered for another student.</translation>
    </message>
    <message>
        <source>Este RA já pertence a outro aluno.</source>
        <translation>This RA already belongs to another student.</translation>
    </message>
    <message>
        <source>Informe o RA.</source>
        <translation>Enter the RA.</translation>
    </message>
    <message>
        <source>O RA deve ter no máximo 20 caracteres.</source>
        <translation>The RA must have at most 20 characters.</translation>
    </message>
    <message>
        <source>O nome social deve ter no máximo 100 caracteres.</source>
        <translation>The social name must have at most 100 characters.</translation>
    </message>
    <message>
        <source>O RG deve ter no máximo 20 caracteres.</source>
        <translation>The RG must have at most 20 characters.</translation>
    </message>
    <message>
        <source>Escolha o sexo na lista.</source>
        <translation>Choose the sex from the list.</translation>
    </message>
    <message>
        <source>Escolha a cor/raça na lista.</source>
        <translation>Choose the color/race from the list.</translation>
    </message>
    <message>
        <source>Já existe um curso com este nome.</source>
        <translation>A course with this name already exists.</translation>
    </message>
    <message>
        <source>Este aluno já está matriculado neste curso.</source>
        <translation>This student is already enrolled in this course.</translation>
    </message>
    <message>
        <source>Escolha um aluno.</source>
        <translation>Choose a student.</translation>
    </message>
    <message>
        <source>Escolha um curso.</source>
        <translation>Choose a course.</translation>
    </message>
    <message>
        <source>Este CPF já está cadastrado para outro responsável; busque-o pelo nome ou CPF para reutilizá-lo.</source>
        <translation>This CPF is already registered for another guardian; search for them by name or CPF to reuse the record.</translation>
    </message>
    <message>
        <source>Escolha o parentesco na lista.</source>
        <translation>Choose the relationship from the list.</translation>
    </message>
    <message>
        <source>O logradouro deve ter no máximo 150 caracteres.</source>
        <translation>The street must have at most 150 characters.</translation>
    </message>
    <message>
        <source>O número deve ter no máximo 20 caracteres.</source>
        <translation>The number must have at most 20 characters.</translation>
    </message>
    <message>
        <source>O complemento deve ter no máximo 100 caracteres.</source>
        <translation>The apartment/suite must have at most 100 characters.</translation>
    </message>
    <message>
        <source>O bairro deve ter no máximo 100 caracteres.</source>
        <translation>The neighborhood must have at most 100 characters.</translation>
    </message>
    <message>
        <source>A foto deve ser uma imagem PNG ou JPEG.</source>
        <translation>The photo must be a PNG or JPEG image.</translation>
    </message>
    <message>
        <source>A foto deve ter no máximo 2 MB.</source>
        <translation>The photo must be at most 2 MB.</translation>
    </message>
    <message>
        <source>Informe o nome.</source>
        <translation>Enter the name.</translation>
    </message>
    <message>
        <source>O nome deve ter no máximo 100 caracteres.</source>
        <translation>The name must have at most 100 characters.</translation>
    </message>
    <message>
        <source>O nome não pode conter caracteres de controle.</source>
        <translation>The name cannot contain control characters.</translation>
    </message>
    <message>
        <source>O texto não pode conter caracteres de controle (invisíveis, como os copiados de outro programa).</source>
        <translation>The text cannot contain control characters (invisible ones, like those copied from another program).</translation>
    </message>
    <message>
        <source>E-mail inválido. Use o formato nome@exemplo.com.br, sem espaços.</source>
        <translation>Invalid e-mail. Use the format name@example.com, with no spaces.</translation>
    </message>
    <message>
        <source>O e-mail deve ter no máximo 100 caracteres.</source>
        <translation>The e-mail must have at most 100 characters.</translation>
    </message>
    <message>
        <source>O CPF deve ter 11 dígitos, como 123.456.789-09.</source>
        <translation>The CPF must have 11 digits, like 123.456.789-09.</translation>
    </message>
    <message>
        <source>CPF inválido: os dígitos verificadores não conferem.</source>
        <translation>Invalid CPF: the check digits do not match.</translation>
    </message>
    <message>
        <source>A data de nascimento não pode estar no futuro.</source>
        <translation>The date of birth cannot be in the future.</translation>
    </message>
    <message>
        <source>Telefone inválido. Escreva um por linha, com 8 a 13 dígitos; espaços, parênteses, + e - são permitidos.</source>
        <translation>Invalid phone. Write one per line, with 8 to 13 digits; spaces, parentheses, + and - are allowed.</translation>
    </message>
    <message>
        <source>A carga horária deve ser um número inteiro positivo de horas.</source>
        <translation>The workload must be a positive whole number of hours.</translation>
    </message>
    <message>
        <source>O CEP deve ter 8 dígitos, como 12345-678.</source>
        <translation>The ZIP code (CEP) must have 8 digits, like 12345-678.</translation>
    </message>
    <message>
        <source>Escolha a UF na lista, como SP.</source>
        <translation>Choose the state from the list, like SP.</translation>
    </message>
    <message>
        <source>Informe a data da matrícula.</source>
        <translation>Enter the enrollment date.</translation>
    </message>
    <message>
        <source>Não há ano letivo {ano} cadastrado.</source>
        <translation>There is no {ano} school year.</translation>
    </message>
    <message>
        <source>O ano letivo {ano} já está encerrado.</source>
        <translation>The {ano} school year is already closed.</translation>
    </message>
    <message>
        <source>O ano letivo {ano} não está encerrado.</source>
        <translation>The {ano} school year is not closed.</translation>
    </message>
    <message>
        <source>Informe o motivo da reabertura do ano letivo.</source>
        <translation>Enter the reason for reopening the school year.</translation>
    </message>
    <message>
        <source>nota do {periodo}</source>
        <translation>grade of the {periodo}</translation>
    </message>
    <message>
        <source>frequência do {periodo}</source>
        <translation>attendance of the {periodo}</translation>
    </message>
    <message>
        <source>recuperação final</source>
        <translation>final make-up exam</translation>
    </message>
    <message>
        <source>recuperação do {periodo}</source>
        <translation>make-up exam of the {periodo}</translation>
    </message>
    <message>
        <source>Educação Infantil</source>
        <translation>Early childhood education</translation>
    </message>
    <message>
        <source>Ensino Fundamental — anos iniciais</source>
        <translation>Elementary school — early years</translation>
    </message>
    <message>
        <source>Ensino Fundamental — anos finais</source>
        <translation>Elementary school — final years</translation>
    </message>
    <message>
        <source>Ensino Médio</source>
        <translation>High school</translation>
    </message>
    <message>
        <source>Educação de Jovens e Adultos (EJA)</source>
        <translation>Youth and adult education (EJA)</translation>
    </message>
    <message>
        <source>Escolha a etapa da turma na lista, como 6º ano.</source>
        <translation>Choose the class&apos;s stage from the list, such as 6º ano.</translation>
    </message>
    <message>
        <source>Esta etapa não existe mais; escolha outra na lista.</source>
        <translation>This stage no longer exists; choose another from the list.</translation>
    </message>
    <message>
        <source>Informe também o fim do ano letivo.</source>
        <extracomment>LDB art. 24 I: at least 200 dias de efetivo trabalho escolar and 800 horas a year.</extracomment>
        <translation>Enter the end of the school year too.</translation>
    </message>
    <message>
        <source>Informe também o início do ano letivo.</source>
        <translation>Enter the start of the school year too.</translation>
    </message>
    <message>
        <source>O início do ano letivo de {ano} deve ser uma data de {ano}.</source>
        <translation>The start of the {ano} school year must be a date in {ano}.</translation>
    </message>
    <message>
        <source>O fim do ano letivo ({fim}) não pode ser anterior ao início ({inicio}).</source>
        <translation>The end of the school year ({fim}) cannot be before its start ({inicio}).</translation>
    </message>
    <message>
        <source>O fim do ano letivo de {ano} pode ir no máximo até {limite}; confira o ano digitado.</source>
        <translation>The end of the {ano} school year may be at most {limite}; check the year typed.</translation>
    </message>
    <message>
        <source>A duração do dia letivo deve ficar entre 1 minuto e 24 horas.</source>
        <translation>The length of the school day must be between 1 minute and 24 hours.</translation>
    </message>
    <message>
        <source>O {periodo} termina ({fim}) antes de começar ({inicio}).</source>
        <translation>The {periodo} ends ({fim}) before it starts ({inicio}).</translation>
    </message>
    <message>
        <source>O {periodo} ({inicio} a {fim}) fica fora do ano letivo ({ano_inicio} a {ano_fim}).</source>
        <translation>The {periodo} ({inicio} to {fim}) is outside the school year ({ano_inicio} to {ano_fim}).</translation>
    </message>
    <message>
        <source>O {periodo} começa ({inicio}) antes do fim do {anterior} ({fim}).</source>
        <translation>The {periodo} starts ({inicio}) before the end of the {anterior} ({fim}).</translation>
    </message>
    <message>
        <source>Informe a descrição do dia não letivo {data}.</source>
        <translation>Enter the description of the non-school day {data}.</translation>
    </message>
    <message>
        <source>A descrição do dia não letivo {data} deve ter no máximo 100 caracteres.</source>
        <translation>The description of the non-school day {data} may have at most 100 characters.</translation>
    </message>
    <message>
        <source>Escolha feriado, recesso ou outro para o dia {data}.</source>
        <translation>Choose holiday, break or other for the day {data}.</translation>
    </message>
    <message>
        <source>O dia {data} aparece mais de uma vez nos dias não letivos.</source>
        <translation>The day {data} appears more than once among the non-school days.</translation>
    </message>
    <message>
        <source>O dia não letivo {data} está fora do ano letivo de {ano} ({inicio} a {fim}).</source>
        <translation>The non-school day {data} is outside the {ano} school year ({inicio} to {fim}).</translation>
    </message>
    <message>
        <source>A data de entrada {data} está fora do ano letivo de {ano} ({inicio} a {fim}).</source>
        <translation>The entry date {data} is outside the {ano} school year ({inicio} to {fim}).</translation>
    </message>
    <message>
        <source>A data de saída {data} está fora do ano letivo de {ano} ({inicio} a {fim}).</source>
        <translation>The leaving date {data} is outside the {ano} school year ({inicio} to {fim}).</translation>
    </message>
    <message>
        <source>A data da mudança {data} está fora do ano letivo de {ano} ({inicio} a {fim}).</source>
        <translation>The date of the move {data} is outside the {ano} school year ({inicio} to {fim}).</translation>
    </message>
    <message>
        <source>A data da dispensa {data} está fora do ano letivo de {ano} ({inicio} a {fim}).</source>
        <translation>The date of the exemption {data} is outside the {ano} school year ({inicio} to {fim}).</translation>
    </message>
    <message>
        <source>O calendário de {ano} tem {dias} dias letivos; a LDB exige pelo menos {minimo}.</source>
        <translation>The {ano} calendar has {dias} school days; the LDB requires at least {minimo}.</translation>
    </message>
    <message>
        <source>O calendário de {ano} tem {horas} horas letivas; a LDB exige pelo menos {minimo}.</source>
        <translation>The {ano} calendar has {horas} school hours; the LDB requires at least {minimo}.</translation>
    </message>
    <message>
        <source>Feriado</source>
        <translation>Holiday</translation>
    </message>
    <message>
        <source>Recesso</source>
        <translation>Break</translation>
    </message>
    <message>
        <source>Outro</source>
        <translation>Other</translation>
    </message>
    <message>
        <source>Linha {linha}: “{texto}” não é uma data; escreva como 21/04/2026.</source>
        <translation>Line {linha}: “{texto}” is not a date; write it as 21/04/2026.</translation>
    </message>
    <message>
        <source>Linha {linha}: a data {texto} não existe.</source>
        <translation>Line {linha}: the date {texto} does not exist.</translation>
    </message>
    <message>
        <source>Linha {linha}: falta a descrição do dia {data}.</source>
        <translation>Line {linha}: the description of the day {data} is missing.</translation>
    </message>
    <message>
        <source>Linha {linha}: a descrição do dia {data} tem mais de 100 caracteres.</source>
        <translation>Line {linha}: the description of the day {data} has more than 100 characters.</translation>
    </message>
    <message>
        <source>Linha {linha}: o dia {data} já apareceu na linha {antes}.</source>
        <translation>Line {linha}: the day {data} already appeared on line {antes}.</translation>
    </message>
    <message>
        <source>O ano letivo {ano} não está encerrado. A rematrícula parte de um ano encerrado, com os resultados finais de todos os alunos: encerre-o primeiro (Configurações → Anos letivos, ou main.py ano encerrar {ano}).</source>
        <translation>The school year {ano} is not closed. The re-enrolment starts from a closed year, with the final results of every student: close it first (Settings → School years, or main.py ano encerrar {ano}).</translation>
    </message>
    <message>
        <source>A rematrícula vai para um ano seguinte: {para} não vem depois de {de}.</source>
        <translation>The re-enrolment goes into a later year: {para} does not come after {de}.</translation>
    </message>
    <message>
        <source>O ano letivo {ano} já está encerrado: não recebe mais alunos. Reabra-o antes, se for preciso.</source>
        <translation>The school year {ano} is already closed: it takes no more students. Reopen it first, if needed.</translation>
    </message>
    <message>
        <source>Escolha uma das turmas de {ano} da rematrícula.</source>
        <translation>Choose one of the classes of {ano} in the re-enrolment.</translation>
    </message>
    <message>
        <source>Este aluno não faz parte da rematrícula.</source>
        <translation>This student is not part of the re-enrolment.</translation>
    </message>
    <message>
        <source>A turma {turma} já existe em {ano}; mude o nome ou o turno dela na página Turmas.</source>
        <translation>The class {turma} already exists in {ano}; change its name or shift on the Classes page.</translation>
    </message>
    <message>
        <source>{nome} já está na turma {turma} de {ano}; mude-o lá, na página Turmas.</source>
        <translation>{nome} is already in the class {turma} of {ano}; change it there, on the Classes page.</translation>
    </message>
    <message>
        <source>Os dados mudaram desde a prévia ({motivo}). Nada foi gravado: faça a prévia da rematrícula de novo.</source>
        <translation>The data changed since the preview ({motivo}). Nothing was saved: preview the re-enrolment again.</translation>
    </message>
    <message>
        <source>A turma {turma} de {ano} tem {vagas} vagas e ficaria com {total} alunos. Mude o destino de alguns alunos ou aumente as vagas da turma. Nada foi gravado.</source>
        <translation>The class {turma} of {ano} has {vagas} places and would have {total} students. Change the destination of some students or raise the class&apos;s places. Nothing was saved.</translation>
    </message>
    <message>
        <source>Não há rematrícula nº {id}.</source>
        <translation>There is no re-enrolment no. {id}.</translation>
    </message>
    <message>
        <source>A rematrícula nº {id} já foi desfeita.</source>
        <translation>The re-enrolment no. {id} was already undone.</translation>
    </message>
    <message>
        <source>Desfaça primeiro a rematrícula mais recente para {ano} (nº {id}), feita depois desta.</source>
        <translation>First undo the most recent re-enrolment into {ano} (no. {id}), made after this one.</translation>
    </message>
    <message>
        <source>A rematrícula nº {id} não pode ser desfeita: já há notas, frequência ou mudanças de situação lançadas em {ano} para {n} dos alunos que ela matriculou ({nomes}). Nada foi alterado.</source>
        <translation>The re-enrolment no. {id} cannot be undone: grades, attendance or status changes were already entered in {ano} for {n} of the students it enrolled ({nomes}). Nothing was changed.</translation>
    </message>
    <message>
        <source>A rematrícula nº {id} não pode ser desfeita: a turma {turma} que ela criou recebeu outros alunos depois. Nada foi alterado.</source>
        <translation>The re-enrolment no. {id} cannot be undone: the class {turma} it created received other students afterwards. Nothing was changed.</translation>
    </message>
    <message>
        <source>A rematrícula nº {id} não pode ser desfeita: o ano letivo {ano} já está encerrado.</source>
        <translation>The re-enrolment no. {id} cannot be undone: the school year {ano} is already closed.</translation>
    </message>
    <message>
        <source>Rematriculado</source>
        <translation>Re-enrolled</translation>
    </message>
    <message>
        <source>Concluiu</source>
        <translation>Completed</translation>
    </message>
    <message>
        <source>Não rematriculado</source>
        <translation>Not re-enrolled</translation>
    </message>
    <message>
        <source>Já matriculado no ano</source>
        <translation>Already enrolled in the year</translation>
    </message>
    <message>
        <source>vai para a próxima etapa</source>
        <translation>goes to the next stage</translation>
    </message>
    <message>
        <source>fica na mesma etapa</source>
        <translation>stays in the same stage</translation>
    </message>
    <message>
        <source>concluiu a etapa de ensino</source>
        <translation>completed the stage of education</translation>
    </message>
    <message>
        <source>saiu da escola durante o ano</source>
        <translation>left the school during the year</translation>
    </message>
    <message>
        <source>sem resultado final: escolha o destino</source>
        <translation>no final result: choose the destination</translation>
    </message>
    <message>
        <source>turma sem etapa seguinte: escolha o destino</source>
        <translation>class with no next stage: choose the destination</translation>
    </message>
    <message>
        <source>já está em uma turma do ano</source>
        <translation>already in a class of the year</translation>
    </message>
    <message>
        <source>decidido em uma rematrícula anterior</source>
        <translation>decided in an earlier re-enrolment</translation>
    </message>
    <message>
        <source>escolhido na prévia</source>
        <translation>chosen in the preview</translation>
    </message>
    <message>
        <source>Informe a escola para onde o aluno vai.</source>
        <translation>Enter the school the student goes to.</translation>
    </message>
    <message>
        <source>Informe o município da escola de destino.</source>
        <translation>Enter the municipality of the school of destination.</translation>
    </message>
    <message>
        <source>Escolha a UF da escola de destino, como SP.</source>
        <translation>Choose the state of the school of destination, such as SP.</translation>
    </message>
    <message>
        <source>Informe a escola de onde o aluno veio.</source>
        <translation>Enter the school the student came from.</translation>
    </message>
    <message>
        <source>Informe o município da escola de origem.</source>
        <translation>Enter the municipality of the school of origin.</translation>
    </message>
    <message>
        <source>Escolha a UF da escola de origem, como SP.</source>
        <translation>Choose the state of the school of origin, such as SP.</translation>
    </message>
    <message>
        <source>{nome} não foi transferido desta turma.</source>
        <translation>{nome} was not transferred from this class.</translation>
    </message>
    <message>
        <source>Informe o motivo da dispensa.</source>
        <translation>Enter the reason for the exemption.</translation>
    </message>
    <message>
        <source>Informe a data da dispensa.</source>
        <translation>Enter the date of the exemption.</translation>
    </message>
    <message>
        <source>{nome} já está dispensado de {disciplina}.</source>
        <translation>{nome} is already exempt from {disciplina}.</translation>
    </message>
    <message>
        <source>{nome} não saiu desta turma.</source>
        <translation>{nome} did not leave this class.</translation>
    </message>
    <message>
        <source>{nome} não entrou nesta turma por transferência.</source>
        <translation>{nome} did not come into this class by transfer.</translation>
    </message>
    <message>
        <source>Informe o nome da regra de avaliação.</source>
        <translation>Enter the name of the evaluation rule.</translation>
    </message>
    <message>
        <source>O nome da regra deve ter no máximo 100 caracteres.</source>
        <translation>The rule&apos;s name may have at most 100 characters.</translation>
    </message>
    <message>
        <source>Já existe uma regra de avaliação com este nome.</source>
        <translation>There is already an evaluation rule with this name.</translation>
    </message>
    <message>
        <source>Escolha notas, conceitos ou parecer descritivo.</source>
        <translation>Choose grades, letter grades or descriptive report.</translation>
    </message>
    <message>
        <source>Arredonde para um valor que divida a escala, como 0,5 ou 1 (ou deixe vazio).</source>
        <translation>Round to a value that divides the scale, such as 0,5 or 1 (or leave it empty).</translation>
    </message>
    <message>
        <source>Esta regra de avaliação não existe mais; escolha outra na lista.</source>
        <translation>This evaluation rule no longer exists; choose another in the list.</translation>
    </message>
    <message>
        <source>Esta regra de avaliação não pode ser excluída: é usada por {quem}. Escolha outra regra para elas antes (Configurações → Etapas, ou o cadastro da turma).</source>
        <translation>This evaluation rule cannot be deleted: it is used by {quem}. Choose another rule for them first (Settings → Stages, or the class&apos;s record).</translation>
    </message>
    <message>
        <source>A regra não pode mudar assim: a turma {turma} ({ano}) já tem notas lançadas como {antes}, e a nova regra lê {depois}. Mantenha o tipo de avaliação e a escala, ou escolha a regra antes de lançar as notas.</source>
        <translation>The rule cannot change this way: the class {turma} ({ano}) already has grades entered as {antes}, and the new rule reads {depois}. Keep the kind of evaluation and the scale, or choose the rule before entering the grades.</translation>
    </message>
    <message>
        <source>A regra não pode mudar: a turma {turma} é do ano letivo {ano}, que está encerrado. Para alterar, reabra-o em Configurações.</source>
        <translation>The rule cannot change: the class {turma} belongs to the school year {ano}, which is closed. To change it, reopen the year in Settings.</translation>
    </message>
    <message>
        <source>{etapas} e {turmas}</source>
        <translation>{etapas} and {turmas}</translation>
    </message>
    <message>
        <source>1 etapa ({nomes})</source>
        <translation>1 stage ({nomes})</translation>
    </message>
    <message>
        <source>{n} etapas ({nomes})</source>
        <translation>{n} stages ({nomes})</translation>
    </message>
    <message>
        <source>1 turma ({nomes})</source>
        <translation>1 class ({nomes})</translation>
    </message>
    <message>
        <source>{n} turmas ({nomes})</source>
        <translation>{n} classes ({nomes})</translation>
    </message>
    <message>
        <source>notas de 0 a 10</source>
        <translation>grades from 0 to 10</translation>
    </message>
    <message>
        <source>notas de 0 a 100</source>
        <translation>grades from 0 to 100</translation>
    </message>
    <message>
        <source>conceitos</source>
        <translation>letter grades</translation>
    </message>
    <message>
        <source>parecer descritivo</source>
        <translation>descriptive report</translation>
    </message>
</context>
<context>
    <name>workers</name>
    <message>
        <source>Cancelar</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <source>Cancelando…</source>
        <translation>Cancelling…</translation>
    </message>
</context>
</TS>
