<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="pt_BR" sourcelanguage="pt_BR">
<context>
    <name>AlunosPlurais</name>
    <message numerus="yes">
        <source>%n matrícula(s) em turma</source>
        <extracomment>Rows whose texts size the list&apos;s columns (a screen shows about 20).</extracomment>
        <translation>
            <numerusform>%Ln matrícula em turma</numerusform>
            <numerusform>%Ln matrículas em turma</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n nota(s)</source>
        <translation>
            <numerusform>%Ln nota</numerusform>
            <numerusform>%Ln notas</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n registro(s) de frequência</source>
        <translation>
            <numerusform>%Ln registro de frequência</numerusform>
            <numerusform>%Ln registros de frequência</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Também serão excluídos %n ano(s) cursado(s) em outras escolas, do histórico.</source>
        <translation>
            <numerusform>Também será excluído %Ln ano cursado em outra escola, do histórico.</numerusform>
            <numerusform>Também serão excluídos %Ln anos cursados em outras escolas, do histórico.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n aluno(s) exportado(s) para {path}.</source>
        <translation>
            <numerusform>%Ln aluno exportado para {path}.</numerusform>
            <numerusform>%Ln alunos exportados para {path}.</numerusform>
        </translation>
    </message>
</context>
</TS>
