#include "RashomonPanels.h"

#include "RashomonCommands.h"
#include "RashomonLab.h"
#include "RashomonModel.h"
#include "RashomonTreeView.h"

#include "ExportDialog.h"

#include "rashomon/Dataset.h"
#include "util/AtomicFile.h"
#include "util/Error.h"

#include <QComboBox>
#include <QDoubleSpinBox>
#include <QFileDialog>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSignalBlocker>
#include <QSlider>
#include <QSpinBox>
#include <QTabWidget>
#include <QTableWidget>
#include <QUndoStack>
#include <QVBoxLayout>

#include <cmath>

namespace algoscope::ui {

// ---- Settings -------------------------------------------------------------------------------

RashomonSettingsPanel::RashomonSettingsPanel(RashomonLab* lab, QWidget* parent)
    : Panel(QStringLiteral("rashomon"), QStringLiteral("settings"), tr("Rashomon set"), parent),
      m_lab(lab) {
    setDefaultArea(Qt::RightDockWidgetArea);
    auto* w = new QWidget(this);
    auto* form = new QFormLayout(w);

    m_dataset = new QComboBox(w);
    m_dataset->setObjectName(QStringLiteral("rashomon.dataset"));
    for (const auto& n : rashomon::bundledDatasetNames())
        m_dataset->addItem(QString::fromStdString(n));
    auto* open = new QPushButton(tr("Open CSV..."), w);
    auto* row = new QHBoxLayout;
    row->addWidget(m_dataset, 1);
    row->addWidget(open);
    form->addRow(tr("Data"), row);
    m_class = new QLineEdit(w);
    m_class->setPlaceholderText(tr("last column"));
    form->addRow(tr("Class column"), m_class);
    m_fx = new QComboBox(w);
    m_fy = new QComboBox(w);
    form->addRow(tr("2-D view x"), m_fx);
    form->addRow(tr("2-D view y"), m_fy);
    m_quantiles = new QSpinBox(w);
    m_quantiles->setRange(1, 16);
    m_quantiles->setPrefix(tr("quantiles: "));
    form->addRow(tr("Binarisation"), m_quantiles);
    m_depth = new QSpinBox(w);
    m_depth->setRange(1, 7);
    form->addRow(tr("Tree depth D"), m_depth);
    m_space = new QComboBox(w);
    m_space->addItems({tr("depth at most D"), tr("complete, depth exactly D")});
    form->addRow(tr("Space"), m_space);
    m_test = new QDoubleSpinBox(w);
    m_test->setRange(0, 0.9);
    m_test->setSingleStep(0.05);
    form->addRow(tr("Test fraction"), m_test);
    m_theta = new QSlider(Qt::Horizontal, w);
    m_theta->setObjectName(QStringLiteral("rashomon.theta"));
    m_theta->setRange(0, 300); // theta in thousandths, 0..0.3
    m_thetaLabel = new QLabel(w);
    auto* trow = new QHBoxLayout;
    trow->addWidget(m_theta, 1);
    trow->addWidget(m_thetaLabel);
    form->addRow(tr("theta"), trow);
    m_best = new QLabel(w);
    m_space_size = new QLabel(w);
    m_set_size = new QLabel(w);
    m_ratio = new QLabel(w);
    m_pattern = new QLabel(w);
    m_pattern->setWordWrap(true);
    for (QLabel* l : {m_best, m_space_size, m_set_size, m_ratio, m_pattern})
        l->setTextInteractionFlags(Qt::TextSelectableByMouse);
    form->addRow(tr("Best training error"), m_best);
    form->addRow(tr("|F| (exact)"), m_space_size);
    form->addRow(tr("|R(theta)|"), m_set_size);
    form->addRow(tr("Rashomon ratio"), m_ratio);
    form->addRow(tr("Pattern ratio"), m_pattern);
    setWidget(w);

    connect(m_dataset, &QComboBox::currentTextChanged, this, [this](const QString& t) {
        edit([t](RashomonSettings& s) { s.dataset = t; }, tr("Change data set"));
    });
    connect(open, &QPushButton::clicked, this, [this] {
        const QString path = QFileDialog::getOpenFileName(this, tr("Open CSV"), {},
                                                          tr("CSV files (*.csv);;All files (*)"));
        if (!path.isEmpty())
            edit([path](RashomonSettings& s) { s.dataset = path; }, tr("Open CSV"));
    });
    connect(m_class, &QLineEdit::editingFinished, this, [this] {
        const QString c = m_class->text().trimmed();
        edit([c](RashomonSettings& s) { s.classColumn = c; }, tr("Change class column"));
    });
    connect(m_fx, &QComboBox::currentIndexChanged, this, [this](int i) {
        if (i >= 0)
            edit([i](RashomonSettings& s) { s.featureX = i; }, tr("Change x feature"));
    });
    connect(m_fy, &QComboBox::currentIndexChanged, this, [this](int i) {
        if (i >= 0)
            edit([i](RashomonSettings& s) { s.featureY = i; }, tr("Change y feature"));
    });
    connect(m_quantiles, &QSpinBox::valueChanged, this, [this](int v) {
        edit([v](RashomonSettings& s) { s.quantiles = v; }, tr("Change binarisation"));
    });
    connect(m_depth, &QSpinBox::valueChanged, this,
            [this](int v) { edit([v](RashomonSettings& s) { s.depth = v; }, tr("Change depth")); });
    connect(m_space, &QComboBox::currentIndexChanged, this, [this](int i) {
        edit([i](RashomonSettings& s) { s.fullDepth = i == 1; }, tr("Change tree space"));
    });
    connect(m_test, &QDoubleSpinBox::valueChanged, this, [this](double v) {
        edit([v](RashomonSettings& s) { s.testFraction = v; }, tr("Change test fraction"));
    });
    connect(m_theta, &QSlider::valueChanged, this, [this](int v) {
        edit([v](RashomonSettings& s) { s.theta = v / 1000.0; }, tr("Change theta"), true);
    });
    connect(lab->model(), &RashomonModel::settingsChanged, this, &Panel::requestRefresh);
    connect(lab->model(), &RashomonModel::resultChanged, this, &Panel::requestRefresh);
    refresh();
}

void RashomonSettingsPanel::edit(const std::function<void(RashomonSettings&)>& change,
                                 const QString& what, bool mergeable) {
    RashomonSettings s = m_lab->model()->settings();
    change(s);
    if (s == m_lab->model()->settings())
        return;
    m_lab->undoStack()->push(new SetRashomonSettingsCmd(m_lab->model(), s, what, mergeable));
}

void RashomonSettingsPanel::refresh() {
    const RashomonModel* model = m_lab->model();
    const RashomonSettings& s = model->settings();
    const QSignalBlocker b1(m_dataset), b2(m_class), b3(m_fx), b4(m_fy), b5(m_quantiles),
        b6(m_depth), b7(m_space), b8(m_test), b9(m_theta);
    if (m_dataset->findText(s.dataset) < 0)
        m_dataset->addItem(s.dataset);
    m_dataset->setCurrentText(s.dataset);
    m_class->setText(s.classColumn);
    if (model->hasResult()) {
        QStringList names;
        for (const auto& n : model->result().train.featureNames)
            names << QString::fromStdString(n);
        if (names.size() != m_fx->count()) {
            m_fx->clear();
            m_fy->clear();
            m_fx->addItems(names);
            m_fy->addItems(names);
        }
    }
    m_fx->setCurrentIndex(std::min(s.featureX, m_fx->count() - 1));
    m_fy->setCurrentIndex(std::min(s.featureY, m_fy->count() - 1));
    m_quantiles->setValue(s.quantiles);
    m_depth->setValue(s.depth);
    m_space->setCurrentIndex(s.fullDepth ? 1 : 0);
    m_test->setValue(s.testFraction);
    m_theta->setValue(int(std::lround(s.theta * 1000)));
    m_thetaLabel->setText(QString::number(s.theta, 'f', 3));
    updateNumbers();
}

void RashomonSettingsPanel::updateNumbers() {
    const RashomonModel* model = m_lab->model();
    if (!model->hasResult() || !model->result().counter) {
        for (QLabel* l : {m_best, m_space_size, m_set_size, m_ratio, m_pattern})
            l->setText(QStringLiteral("-"));
        return;
    }
    const auto& tc = *model->result().counter;
    const std::size_t n = tc.data().rows();
    m_best->setText(tr("%1 of %2 (%3)")
                        .arg(tc.bestErrors())
                        .arg(n)
                        .arg(double(tc.bestErrors()) / double(n), 0, 'f', 4));
    const std::string F = tc.spaceSize().get_str();
    m_space_size->setText(F.size() > 24 ? QStringLiteral("%1... (%2 digits)")
                                              .arg(QString::fromStdString(F.substr(0, 12)))
                                              .arg(F.size())
                                        : QString::fromStdString(F));
    m_set_size->setText(tr("%1 (errors <= %2)").arg(model->setSizeText()).arg(model->maxErrors()));
    const double l = model->log10Ratio();
    m_ratio->setText(tr("%1  (log10 %2)").arg(std::pow(10.0, l), 0, 'g', 3).arg(l, 0, 'f', 3));
    m_pattern->setToolTip(tr("Distinct prediction vectors on the training points in R(theta) "
                             "over those in F, counted exactly while a node of the programme "
                             "needs at most 5 million candidates; algoscope-cli rashomon trees "
                             "--pattern-limit N counts further."));
    if (auto p = model->patternRatio())
        m_pattern->setText(QString::number(*p, 'g', 3));
    else
        m_pattern->setText(tr("n/a (too many to count here)"));
}

// ---- Learners -------------------------------------------------------------------------------

RashomonLearnersPanel::RashomonLearnersPanel(RashomonLab* lab, QWidget* parent)
    : Panel(QStringLiteral("rashomon"), QStringLiteral("learners"), tr("Do learners agree?"),
            parent),
      m_lab(lab) {
    setDefaultArea(Qt::RightDockWidgetArea);
    auto* w = new QWidget(this);
    auto* v = new QVBoxLayout(w);
    m_table = new QTableWidget(0, 3, w);
    m_table->setHorizontalHeaderLabels({tr("learner"), tr("train accuracy"), tr("test accuracy")});
    m_table->horizontalHeader()->setSectionResizeMode(QHeaderView::Stretch);
    m_table->verticalHeader()->setVisible(false);
    m_table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_summary = new QLabel(w);
    m_summary->setWordWrap(true);
    v->addWidget(m_table);
    v->addWidget(m_summary);
    setWidget(w);
    connect(lab->model(), &RashomonModel::resultChanged, this, &Panel::requestRefresh);
    connect(lab->model(), &RashomonModel::settingsChanged, this, &Panel::requestRefresh);
}

void RashomonLearnersPanel::refresh() {
    const RashomonModel* model = m_lab->model();
    m_table->setRowCount(0);
    if (!model->hasResult()) {
        m_summary->setText(tr("computing..."));
        return;
    }
    const auto& rows = model->result().learners;
    m_table->setRowCount(int(rows.size()));
    double lo = 1, hi = 0;
    for (int i = 0; i < int(rows.size()); ++i) {
        const auto& r = rows[std::size_t(i)];
        m_table->setItem(i, 0, new QTableWidgetItem(r.name));
        m_table->setItem(i, 1, new QTableWidgetItem(QString::number(r.trainAccuracy, 'f', 3)));
        m_table->setItem(i, 2,
                         new QTableWidgetItem(std::isfinite(r.testAccuracy)
                                                  ? QString::number(r.testAccuracy, 'f', 3)
                                                  : QStringLiteral("-")));
        const double a = std::isfinite(r.testAccuracy) ? r.testAccuracy : r.trainAccuracy;
        lo = std::min(lo, a);
        hi = std::max(hi, a);
    }
    m_summary->setText(tr("log10 Rashomon ratio of the depth-%1 trees at theta %2: %3. "
                          "Spread of the learners' accuracy: %4. A large ratio goes with "
                          "learners that agree (Semenova, Rudin & Parr 2022).")
                           .arg(model->settings().depth)
                           .arg(model->settings().theta)
                           .arg(model->log10Ratio(), 0, 'f', 2)
                           .arg(hi - lo, 0, 'f', 3));
}

// ---- Trees ----------------------------------------------------------------------------------

RashomonTreesPanel::RashomonTreesPanel(RashomonLab* lab, QWidget* parent)
    : Panel(QStringLiteral("rashomon"), QStringLiteral("trees"), tr("Trees in the set"), parent),
      m_lab(lab) {
    setDefaultArea(Qt::BottomDockWidgetArea);
    auto* w = new QWidget(this);
    auto* h = new QHBoxLayout(w);
    auto* left = new QVBoxLayout;
    m_header = new QLabel(w);
    m_header->setWordWrap(true);
    m_list = new QListWidget(w);
    auto* buttons = new QHBoxLayout;
    auto* resample = new QPushButton(tr("Resample"), w);
    auto* exportButton = new QPushButton(tr("Export as text..."), w);
    auto* exportDiagram = new QPushButton(tr("Export diagram..."), w);
    buttons->addWidget(resample);
    buttons->addWidget(exportButton);
    buttons->addWidget(exportDiagram);
    left->addWidget(m_header);
    left->addWidget(m_list, 1);
    left->addLayout(buttons);
    m_views = new QTabWidget(w);
    m_diagram = new RashomonTreeView(m_views);
    m_text = new QPlainTextEdit(m_views);
    m_text->setReadOnly(true);
    m_text->setFont(QFont(QStringLiteral("monospace")));
    m_views->addTab(m_diagram, tr("Diagram"));
    m_views->addTab(m_text, tr("Text"));
    m_features = new QLabel(w);
    m_features->setWordWrap(true);
    m_features->setAlignment(Qt::AlignTop | Qt::AlignLeft);
    h->addLayout(left, 1);
    h->addWidget(m_views, 2);
    h->addWidget(m_features, 1);
    setWidget(w);
    connect(resample, &QPushButton::clicked, lab, &RashomonLab::resampleTrees);
    connect(exportButton, &QPushButton::clicked, this, [this] {
        const QString path = QFileDialog::getSaveFileName(
            this, tr("Export trees"), QStringLiteral("rashomon-trees.txt"), tr("Text (*.txt)"));
        QString error;
        if (!path.isEmpty() && !exportText(path, &error))
            Q_EMIT m_lab->statusMessage(error, 10000);
    });
    connect(exportDiagram, &QPushButton::clicked, this, [this] {
        ExportDialog dialog(m_diagram->exportName(), m_diagram->exportFormats(), ExportOptions{},
                            QString(), this);
        if (dialog.exec() != QDialog::Accepted)
            return;
        QString error;
        if (m_diagram->exportFigure(dialog.path(), dialog.options(), &error))
            Q_EMIT m_lab->statusMessage(tr("Exported %1").arg(dialog.path()), 5000);
        else
            Q_EMIT m_lab->statusMessage(error, 10000);
    });
    connect(m_list, &QListWidget::currentRowChanged, this, &RashomonTreesPanel::showTree);
    connect(lab->model(), &RashomonModel::treesChanged, this, &Panel::requestRefresh);
}

void RashomonTreesPanel::showTree(int row) {
    const auto& trees = m_lab->model()->trees();
    if (row < 0 || row >= int(trees.size()) || !m_lab->model()->hasResult())
        return;
    const auto& data = m_lab->model()->result().counter->data();
    m_text->setPlainText(QString::fromStdString(trees[std::size_t(row)].toText(data)));
    m_diagram->setTree(trees[std::size_t(row)], data);
}

bool RashomonTreesPanel::exportText(const QString& path, QString* error) const {
    try {
        util::writeFileAtomically(path.toStdString(), m_lab->model()->treesAsText().toStdString());
        return true;
    } catch (const std::exception& e) {
        if (error)
            *error = QString::fromStdString(e.what());
        return false;
    }
}

void RashomonTreesPanel::refresh() {
    const RashomonModel* model = m_lab->model();
    const QSignalBlocker block(m_list);
    m_list->clear();
    m_text->clear();
    m_diagram->clear();
    if (!model->hasResult())
        return;
    const auto& data = model->result().counter->data();
    const auto& trees = model->trees();
    m_header->setText(model->treesAreWholeSet()
                          ? tr("The whole Rashomon set: %1 trees").arg(trees.size())
                          : tr("%1 trees drawn uniformly from the set of %2")
                                .arg(trees.size())
                                .arg(model->setSizeText()));
    for (std::size_t i = 0; i < trees.size(); ++i)
        m_list->addItem(tr("tree %1: %2 errors, %3 leaves, depth %4")
                            .arg(i + 1)
                            .arg(trees[i].errors(data))
                            .arg(trees[i].leaves())
                            .arg(trees[i].depth()));
    QString f = tr("<b>Feature use</b> (share of these trees that split on it):<br>");
    int shown = 0;
    for (const auto& [name, share] : model->featureUse()) {
        if (++shown > 14)
            break;
        f += QStringLiteral("%1: %2<br>").arg(name.toHtmlEscaped()).arg(share, 0, 'f', 2);
    }
    m_features->setText(f);
    if (!trees.empty()) {
        m_list->setCurrentRow(0);
        showTree(0);
    }
}

} // namespace algoscope::ui
