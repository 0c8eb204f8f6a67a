"""The forms of one record each: the aluno form with its tabs (responsáveis, matrículas,
histórico and the years done in other schools), the curso and the matrícula forms. They build
on :class:`escola_gui.gui.toolkit.forms.RecordDialog`."""
