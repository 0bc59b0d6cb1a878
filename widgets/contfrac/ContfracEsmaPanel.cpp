#include "ContfracEsmaPanel.h"

#include "ContfracCommands.h"
#include "ContfracLab.h"
#include "ContfracModel.h"
#include "TaskRunner.h"

#include <QFileDialog>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QMessageBox>
#include <QProgressBar>
#include <QPushButton>
#include <QSignalBlocker>
#include <QSpinBox>
#include <QTableWidget>
#include <QUndoStack>
#include <QVBoxLayout>

#include <functional>

namespace algoscope::ui {

namespace {
// A table item that sorts by a number, not by its text.
class NumberItem : public QTableWidgetItem {
public:
    NumberItem(double v, int decimals) : QTableWidgetItem(QString::number(v, 'f', decimals)) {
        setData(Qt::UserRole, v);
        setTextAlignment(Qt::AlignRight | Qt::AlignVCenter);
    }
    bool operator<(const QTableWidgetItem& o) const override {
        return data(Qt::UserRole).toDouble() < o.data(Qt::UserRole).toDouble();
    }
};
} // namespace

ContfracEsmaPanel::ContfracEsmaPanel(ContfracLab* lab, QWidget* parent)
    : Panel(QStringLiteral("contfrac"), QStringLiteral("esma"), tr("ESMA search"), parent),
      m_lab(lab) {
    setDefaultArea(Qt::RightDockWidgetArea);
    auto* body = new QWidget;
    auto* layout = new QVBoxLayout(body);
    auto* form = new QFormLayout;
    m_constant = new QLineEdit(body);
    m_constant->setObjectName(QStringLiteral("contfrac.esma.constant"));
    auto spin = [body](int lo, int hi, const QString& tip) {
        auto* s = new QSpinBox(body);
        s->setRange(lo, hi);
        s->setToolTip(tip);
        return s;
    };
    m_degree = spin(0, 3, tr("Degree of P and Q in P(c)/Q(c)"));
    m_coeff = spin(1, 20, tr("Coefficients of P and Q in [-C, C]"));
    m_minPeriod = spin(1, 8, tr("Shortest sign period"));
    m_maxPeriod = spin(1, 8, tr("Longest sign period"));
    m_depth = spin(8, 2000, tr("Terms extracted per candidate"));
    m_verify = spin(5, 10000, tr("Digits of agreement required to approve"));
    auto* periods = new QHBoxLayout;
    periods->addWidget(m_minPeriod);
    periods->addWidget(new QLabel(QStringLiteral(".."), body));
    periods->addWidget(m_maxPeriod);
    form->addRow(tr("Constant c"), m_constant);
    form->addRow(tr("Degree"), m_degree);
    form->addRow(tr("Coefficients"), m_coeff);
    form->addRow(tr("Sign periods"), periods);
    form->addRow(tr("Depth"), m_depth);
    form->addRow(tr("Verify digits"), m_verify);
    layout->addLayout(form);
    auto* buttons = new QHBoxLayout;
    m_run = new QPushButton(tr("Search"), body);
    m_run->setObjectName(QStringLiteral("contfrac.esma.run"));
    m_cancel = new QPushButton(tr("Cancel"), body);
    m_export = new QPushButton(tr("Export..."), body);
    buttons->addWidget(m_run);
    buttons->addWidget(m_cancel);
    buttons->addWidget(m_export);
    layout->addLayout(buttons);
    m_progress = new QProgressBar(body);
    m_progress->setRange(0, 1000);
    m_progress->setValue(0);
    layout->addWidget(m_progress);
    m_stats = new QLabel(body);
    m_stats->setWordWrap(true);
    layout->addWidget(m_stats);
    m_table = new QTableWidget(0, 6, body);
    m_table->setHorizontalHeaderLabels({tr("P(c)/Q(c)"), tr("signs"), tr("speed-up"),
                                        tr("digits/term"), tr("SCF digits/term"), tr("L")});
    m_table->setToolTip(tr("Speed-up: digits of p_60/q_60 of the signed CF over the simple CF's. "
                           "L: length of the recurrence. Click a row to plot it."));
    m_table->verticalHeader()->setVisible(false);
    m_table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setSelectionMode(QAbstractItemView::SingleSelection);
    m_table->setSortingEnabled(true);
    m_table->setObjectName(QStringLiteral("contfrac.esma.table"));
    layout->addWidget(m_table, 1);
    body->setMinimumWidth(380);
    setWidget(body);

    ContfracModel* model = lab->model();
    auto edit = [this, model](const QString& what,
                              const std::function<void(ContfracSettings&)>& f) {
        ContfracSettings s = model->settings();
        f(s);
        if (!(s == model->settings()))
            m_lab->undoStack()->push(new SetContfracSettingsCmd(model, s, what));
    };
    connect(m_constant, &QLineEdit::editingFinished, this, [this, edit] {
        const QString v = m_constant->text().trimmed();
        edit(tr("ESMA constant %1").arg(v), [v](ContfracSettings& s) { s.esmaConstant = v; });
    });
    auto bindSpin = [this, edit](QSpinBox* box, const QString& name, int ContfracSettings::*field) {
        connect(box, &QSpinBox::editingFinished, this, [box, edit, name, field] {
            const int v = box->value();
            edit(QStringLiteral("%1 %2").arg(name).arg(v),
                 [v, field](ContfracSettings& s) { s.*field = v; });
        });
    };
    bindSpin(m_degree, tr("ESMA degree"), &ContfracSettings::esmaDegree);
    bindSpin(m_coeff, tr("ESMA coefficients"), &ContfracSettings::esmaCoeff);
    bindSpin(m_minPeriod, tr("ESMA shortest period"), &ContfracSettings::esmaMinPeriod);
    bindSpin(m_maxPeriod, tr("ESMA longest period"), &ContfracSettings::esmaMaxPeriod);
    bindSpin(m_depth, tr("ESMA depth"), &ContfracSettings::esmaDepth);
    bindSpin(m_verify, tr("ESMA verify digits"), &ContfracSettings::esmaVerifyDigits);
    connect(m_run, &QPushButton::clicked, lab, &ContfracLab::runEsma);
    connect(m_cancel, &QPushButton::clicked, lab->taskRunner(), &TaskRunner::cancel);
    connect(m_export, &QPushButton::clicked, this, [this] {
        const QString path = QFileDialog::getSaveFileName(this, tr("Export conjectures"),
                                                          QStringLiteral("conjectures.json"),
                                                          tr("JSON (*.json);;LaTeX (*.tex)"));
        if (path.isEmpty())
            return;
        QString error;
        if (!m_lab->exportConjectures(path, &error))
            QMessageBox::warning(this, tr("Export failed"), error);
    });
    connect(lab->taskRunner(), &TaskRunner::progress, this,
            [this](double f, const QString&) { m_progress->setValue(int(f * 1000)); });
    connect(lab->taskRunner(), &TaskRunner::started, this,
            [this](const QString&) { m_progress->setValue(0); });
    connect(lab->taskRunner(), &TaskRunner::finished, this,
            [this](const QString&, bool ok, bool, const QString&) {
                if (ok)
                    m_progress->setValue(1000);
                m_table->sortByColumn(2, Qt::DescendingOrder);
                updateStats();
            });
    connect(model, &ContfracModel::conjectureAdded, this, &ContfracEsmaPanel::addRow);
    connect(model, &ContfracModel::conjecturesChanged, this, [this] {
        if (m_lab->model()->conjectures().empty())
            m_table->setRowCount(0);
        updateStats();
    });
    connect(m_table, &QTableWidget::itemSelectionChanged, this, [this] {
        const auto items = m_table->selectedItems();
        if (items.isEmpty())
            return;
        const int index = m_table->item(items.front()->row(), 0)->data(Qt::UserRole).toInt();
        m_lab->model()->selectConjecture(index);
    });
    // A selection made elsewhere (the lab picks the fastest conjecture) shows in the table.
    connect(model, &ContfracModel::selectionChanged, this, [this](int index) {
        const QSignalBlocker block(m_table);
        for (int row = 0; row < m_table->rowCount(); ++row)
            if (m_table->item(row, 0)->data(Qt::UserRole).toInt() == index) {
                m_table->selectRow(row);
                m_table->scrollToItem(m_table->item(row, 0));
                return;
            }
        m_table->clearSelection();
    });
    connect(model, &ContfracModel::settingsChanged, this, &Panel::requestRefresh);
    refresh();
}

void ContfracEsmaPanel::addRow(int index) {
    const ContfracConjecture& cc = m_lab->model()->conjectures()[std::size_t(index)];
    const auto& c = cc.conjecture;
    QString signs;
    for (int v : c.signs)
        signs += v > 0 ? QLatin1Char('+') : QLatin1Char('-');
    const bool sorting = m_table->isSortingEnabled();
    m_table->setSortingEnabled(false);
    const int row = m_table->rowCount();
    m_table->insertRow(row);
    auto* lhs = new QTableWidgetItem(QString::fromStdString(c.lhs));
    lhs->setData(Qt::UserRole, index);
    lhs->setToolTip(QString::fromStdString(c.recurrence.polynomialString()));
    m_table->setItem(row, 0, lhs);
    m_table->setItem(row, 1, new QTableWidgetItem(signs));
    m_table->setItem(row, 2, new NumberItem(c.rateRatio(), 2));
    m_table->setItem(row, 3, new NumberItem(c.signedDigitsPerTerm(), 3));
    m_table->setItem(row, 4, new NumberItem(c.simpleDigitsPerTerm(), 3));
    m_table->setItem(row, 5, new NumberItem(double(c.recurrence.length), 0));
    m_table->setSortingEnabled(sorting);
    m_table->resizeColumnsToContents();
    updateStats();
}

void ContfracEsmaPanel::updateStats() {
    const ContfracModel* m = m_lab->model();
    const auto& st = m->esmaStats();
    QString text = tr("%1 conjectures").arg(m->conjectures().size());
    if (st.candidates > 0)
        text += tr(" from %1 candidates (%2 left-hand sides x %3 sign periods), %4 passed "
                   "Massey, %5 s")
                    .arg(st.candidates)
                    .arg(st.lhsCount)
                    .arg(st.signPeriods)
                    .arg(st.masseyPassed)
                    .arg(st.seconds, 0, 'f', 2);
    m_stats->setText(text);
    m_export->setEnabled(!m->conjectures().empty());
}

void ContfracEsmaPanel::refresh() {
    const ContfracSettings& s = m_lab->model()->settings();
    const QSignalBlocker b0(m_constant), b1(m_degree), b2(m_coeff), b3(m_minPeriod),
        b4(m_maxPeriod), b5(m_depth), b6(m_verify);
    m_constant->setText(s.esmaConstant);
    m_degree->setValue(s.esmaDegree);
    m_coeff->setValue(s.esmaCoeff);
    m_minPeriod->setValue(s.esmaMinPeriod);
    m_maxPeriod->setValue(s.esmaMaxPeriod);
    m_depth->setValue(s.esmaDepth);
    m_verify->setValue(s.esmaVerifyDigits);
    updateStats();
}

} // namespace algoscope::ui
