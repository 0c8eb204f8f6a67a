"""The forms, one module per record (or per group of acts on one record), each a dialog built on
:class:`escola_gui.gui.toolkit.forms.RecordDialog`: the aluno form with its tabs (responsáveis,
matrículas, histórico and the years done in other schools), curso, matrícula, turma, enturmação
(enturmar, situação, remanejar, histórico of situações), ano letivo and disciplina."""
