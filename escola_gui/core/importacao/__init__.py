"""Importing alunos and their responsáveis from the spreadsheets offices receive, and exporting them.

The flow is preview, then apply: :func:`preview` reads nothing but the database and says
what each line of the file would do (insert, update, nothing) or why it cannot be imported;
:func:`apply` writes that plan in one transaction, all or nothing, responsáveis included.

Matching a line to an aluno already registered:

1. by RA, the school's registration number: exactly as typed, or, for an all-digit RA that
   Excel turned into a number, by its digits without the leading zeros;
2. by CPF. A line whose RA and CPF belong to two different alunos is refused (the CPF is
   then "in use by another aluno");
3. a line with neither matching an aluno matches an aluno **without CPF** whose nome
   (ignoring accents, case and extra spaces) and data de nascimento are the same, when there
   is exactly one. This is what lets an exported list be completed in Excel and imported back;
4. otherwise the line is a new aluno (its RA is the file's, or a generated one).

Updating: the file is the truth for the cells it fills. A blank cell, or a column the file
does not have, keeps the stored value (a blank Ativo means Sim for a new aluno). A filled
Telefone cell replaces the aluno's phones, and a filled Outros e-mails cell its e-mails
besides the main one (several in a cell, separated as the phones by ``/``, ``;`` or ``,``).
The merged aluno is checked by :meth:`AlunoService.validate`, the aluno form's own check, so
that an imported aluno is never one the form would refuse; the values the line does not fill
are not checked again (a value kept from an old file stays, as in the form).

Responsáveis: the columns of the mãe (Nome da mãe, CPF da mãe, Telefone da mãe), of the pai,
and of one more responsável (Nome/CPF/Telefone/Parentesco do responsável), and Responsável
legal ("Mãe", "Pai", "Responsável" or a name). A responsável is the registered one with that
CPF; without a CPF, the one of this aluno with the same nome (ignoring accents and case);
otherwise a new one, shared by every line that gives the same new CPF (siblings). Phones are
added to the ones the responsável has, never removed; a nome that differs from the one
registered for that CPF replaces it. The link gets the parentesco (mãe, pai, or the
Parentesco cell, else "outro") and, when Responsável legal is filled, the legal flag, which
an aluno has for one responsável only. A blank cell keeps what is stored; the import never
unlinks or deletes a responsável.

Messages are Portuguese constants marked for translation (context ``"validation"``); the
column a problem is about and the value read (or the other lines) are kept apart in

The modules, bottom to top (each imports only the ones above it):

- :mod:`.fields`: the fields a column can hold, their labels, the export's columns, and the
  labels of the census categories and parentescos.
- :mod:`.headers`: the header aliases; :func:`~.headers.map_headers` says which column holds
  which field.
- :mod:`.messages`: the Portuguese problem messages and the wording of "linhas 2, 3 e 9".
- :mod:`.errors`: the exceptions of an import that cannot go on.
- :mod:`.snapshot`: the database as the import sees it, read once (also what the export writes).
- :mod:`.results`: what a line is once parsed and what it does (:class:`~.results.RowAction`),
  the plan (:class:`~.results.ImportPreview`) and the outcome (:class:`~.results.ImportResult`).
- :mod:`.cells`: one cell → a value (CPF, CEP, date, Ativo, sexo, cor/raça, parentesco, UF...).
- :mod:`.lines`: one line of the file → its aluno's values and its responsáveis, with the
  line's own problems.
- :mod:`.steps`: progress, cancelling and batches while an import runs.
- :mod:`.planner`: the parsed lines and the snapshot → the plan (matching, repeats, the forms'
  checks, who each responsável is, conflicts).
- :mod:`.writer`: writes a plan with Core statements, and its rows in the audit log.
- :mod:`.flow`: :func:`~.flow.preview`, :func:`~.flow.valid_lines` and :func:`~.flow.apply`,
  the public entry points.
- :mod:`.reporting`: the lines left out, to a file beside the spreadsheet, and the bad lines to
  show, grouped.
- :mod:`.export`: every aluno to a ``.csv`` or ``.xlsx`` that imports back with no change.
"""
