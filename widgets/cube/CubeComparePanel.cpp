#include "CubeComparePanel.h"

#include "CubeLab.h"
#include "FormGrid.h"
#include "Gallery.h"
#include "PlotView.h"
#include "TaskRunner.h"
#include "cube/PocketTable.h"
#include "cube/QNetwork.h"

#include <QCheckBox>
#include <QDoubleSpinBox>
#include <QFileDialog>
#include <QGridLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QMessageBox>
#include <QPointer>
#include <QProgressBar>
#include <QPushButton>
#include <QScrollArea>
#include <QSpinBox>
#include <QTableWidget>
#include <QToolButton>
#include <QVBoxLayout>
#include <qcustomplot.h>

#include <optional>

namespace algoscope::ui {

namespace {

const QString kTaskTitle = QStringLiteral("Cube: comparing Q* and A*");

/// The action spaces of the slots' default (shipped) 2x2x2 networks.
constexpr int kShippedActions[CubeComparePanel::kSlots] = {12, 156, 1884};

QSpinBox* spin(int lo, int hi, int value, const QString& tip) {
    auto* s = new QSpinBox;
    s->setRange(lo, hi);
    s->setValue(value);
    s->setToolTip(tip);
    return s;
}

QString methodTitle(const std::string& method) {
    return method == "qstar" ? QStringLiteral("Q*") : QStringLiteral("A*");
}

QTableWidgetItem* numberItem(const QString& text) {
    auto* item = new QTableWidgetItem(text);
    item->setTextAlignment(Qt::AlignRight | Qt::AlignVCenter);
    return item;
}

void setLogAxis(QCPAxis* axis) {
    axis->setScaleType(QCPAxis::stLogarithmic);
    axis->setTicker(QSharedPointer<QCPAxisTickerLog>(new QCPAxisTickerLog));
    axis->setNumberFormat(QStringLiteral("gb"));
}

} // namespace

CubeComparePanel::CubeComparePanel(CubeLab* lab, QWidget* parent)
    : Panel(QStringLiteral("cube"), QStringLiteral("compare"), tr("Q* vs A*"), parent), m_lab(lab),
      m_scrambles(spin(1, 100000, 20, tr("States every network and method solves"))),
      m_depth(spin(0, 1000, 8, tr("Random quarter turns per scramble"))),
      m_batch(spin(1, 1000000, 100, tr("Pairs (Q*) or nodes (A*) popped per iteration"))),
      m_maxNodes(spin(1, 1000000000, 1000000, tr("Node limit per search"))),
      m_seed(spin(0, 1000000000, 1, tr("Seed of the scrambles"))),
      m_randomState(new QCheckBox(tr("uniformly random states"))), m_lambda(new QDoubleSpinBox),
      m_seconds(new QDoubleSpinBox), m_run(new QPushButton(tr("Run"))),
      m_cancel(new QPushButton(tr("Cancel"))), m_progress(new QProgressBar), m_status(new QLabel),
      m_table(new QTableWidget(0, 9)), m_plot(new PlotView(QStringLiteral("cube-qstar-vs-astar"))) {
    setDefaultArea(Qt::RightDockWidgetArea);
    auto* body = new QWidget;
    auto* layout = new QVBoxLayout(body);

    auto* modelsBox = new QGroupBox(tr("Q-networks (same cube size)"));
    auto* grid = new QGridLayout(modelsBox);
    for (int i = 0; i < kSlots; ++i) {
        m_modelLabels[std::size_t(i)] = new QLabel;
        m_modelLabels[std::size_t(i)]->setTextInteractionFlags(Qt::TextSelectableByMouse);
        auto* open = new QToolButton;
        open->setText(tr("Open..."));
        open->setObjectName(QStringLiteral("cube.compare.open%1").arg(i));
        auto* fromLab = new QToolButton;
        fromLab->setText(tr("Lab's"));
        fromLab->setToolTip(tr("The network the lab solves with"));
        auto* clear = new QToolButton;
        clear->setText(tr("Clear"));
        grid->addWidget(new QLabel(tr("%1.").arg(i + 1)), i, 0);
        grid->addWidget(m_modelLabels[std::size_t(i)], i, 1);
        grid->addWidget(open, i, 2);
        grid->addWidget(fromLab, i, 3);
        grid->addWidget(clear, i, 4);
        grid->setColumnStretch(1, 1);
        connect(open, &QToolButton::clicked, this, [this, i] {
            const QString path = QFileDialog::getOpenFileName(
                this, tr("Open cube Q-network"), {}, tr("Models (*.safetensors);;All files (*)"));
            QString error;
            if (!path.isEmpty() && !openModel(i, path, &error))
                QMessageBox::warning(this, tr("Cannot open model"), error);
        });
        connect(fromLab, &QToolButton::clicked, this, [this, i] {
            if (!m_lab->model()) {
                m_status->setText(tr("The lab has no network yet (File > Open Q-network... or "
                                     "the training panel)"));
                return;
            }
            setModel(i, m_lab->model(), m_lab->modelName());
        });
        connect(clear, &QToolButton::clicked, this, [this, i] { setModel(i, nullptr, {}); });
    }
    layout->addWidget(modelsBox);

    auto* form = new QGridLayout;
    m_lambda->setRange(0.0, 1.0);
    m_lambda->setSingleStep(0.1);
    m_lambda->setValue(0.6);
    m_lambda->setToolTip(tr("Weight on the path cost: f = lambda * g + heuristic"));
    m_seconds->setRange(0.01, 86400);
    m_seconds->setValue(30);
    m_seconds->setSuffix(tr(" s"));
    m_seconds->setToolTip(tr("Time limit per search"));
    // Two label/field pairs per row keep the table and plot in view in a short dock.
    addFormPair(form, 0, 0, tr("Scrambles"), m_scrambles);
    addFormPair(form, 0, 1, tr("Depth"), m_depth);
    addFormPair(form, 1, 0, tr("Batch"), m_batch);
    addFormPair(form, 1, 1, tr("Lambda"), m_lambda);
    addFormPair(form, 2, 0, tr("Node limit"), m_maxNodes);
    addFormPair(form, 2, 1, tr("Time limit"), m_seconds);
    addFormPair(form, 3, 0, tr("Seed"), m_seed);
    form->addWidget(m_randomState, 3, 2, 1, 2);
    m_randomState->setToolTip(
        tr("Instead of scrambles of the given depth: states drawn uniformly from the whole cube "
           "group (2x2x2: from the exact table; 3x3x3: cubie by cubie). Most 3x3x3 states are "
           "18 to 20 moves from solved, the hardest test"));
    form->setColumnStretch(1, 1);
    form->setColumnStretch(3, 1);
    layout->addLayout(form);

    m_run->setObjectName(QStringLiteral("cube.compare.run"));
    m_cancel->setObjectName(QStringLiteral("cube.compare.cancel"));
    auto* buttons = new QHBoxLayout;
    buttons->addWidget(m_run);
    buttons->addWidget(m_cancel);
    layout->addLayout(buttons);
    m_progress->setRange(0, 1000);
    m_progress->setValue(0);
    layout->addWidget(m_progress);
    m_status->setWordWrap(true);
    layout->addWidget(m_status);

    m_table->setObjectName(QStringLiteral("cube.compare.table"));
    m_table->setHorizontalHeaderLabels({tr("Network"), tr("Actions"), tr("Method"), tr("Solved"),
                                        tr("Length"), tr("Nodes"), tr("Seconds"), tr("Optimal"),
                                        tr("Memory")});
    m_table->horizontalHeaderItem(4)->setToolTip(
        tr("Mean solution length in quarter turns, over solved states"));
    m_table->horizontalHeaderItem(5)->setToolTip(tr("Mean nodes generated per search"));
    m_table->horizontalHeaderItem(6)->setToolTip(tr("Mean seconds per search"));
    m_table->horizontalHeaderItem(8)->setToolTip(
        tr("Largest peak memory of one search's nodes, CLOSED and OPEN (MiB)"));
    m_table->horizontalHeaderItem(7)->setToolTip(
        tr("2x2x2: solutions of optimal quarter-turn length (exact table)"));
    m_table->verticalHeader()->setVisible(false);
    m_table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    m_table->setMinimumHeight(120);
    layout->addWidget(m_table, 1);

    QCustomPlot* p = m_plot->plot();
    p->xAxis->setLabel(tr("actions (action-space size)"));
    p->yAxis->setLabel(tr("nodes generated"));
    p->yAxis2->setLabel(tr("seconds"));
    p->yAxis2->setVisible(true);
    setLogAxis(p->xAxis);
    setLogAxis(p->yAxis);
    setLogAxis(p->yAxis2);
    struct Series {
        QString name;
        int color;
        bool seconds;
    };
    for (const Series& s : {Series{tr("Q* nodes"), 0, false}, Series{tr("A* nodes"), 1, false},
                            Series{tr("Q* seconds"), 0, true}, Series{tr("A* seconds"), 1, true}}) {
        QCPGraph* g = s.seconds ? p->addGraph(p->xAxis, p->yAxis2) : p->addGraph();
        g->setName(s.name);
        QPen pen(seriesColor(s.color), 1.5);
        if (s.seconds)
            pen.setStyle(Qt::DashLine);
        g->setPen(pen);
        g->setScatterStyle(
            QCPScatterStyle(s.seconds ? QCPScatterStyle::ssSquare : QCPScatterStyle::ssCircle, 6));
    }
    // The legend below the axes, two entries per row, so it never hides a point.
    p->legend->setVisible(true);
    p->axisRect()->insetLayout()->take(p->legend);
    p->plotLayout()->addElement(1, 0, p->legend);
    p->legend->setFillOrder(QCPLayoutGrid::foColumnsFirst);
    p->legend->setWrap(2);
    p->legend->setBorderPen(Qt::NoPen);
    p->plotLayout()->setRowStretchFactor(1, 0.001);
    p->xAxis->setRange(8, 3000);
    p->yAxis->setRange(1, 1e6);
    p->yAxis2->setRange(1e-4, 10);
    m_plot->setMinimumHeight(220);
    layout->addWidget(m_plot, 2);
    // Scrolls when the dock is short (it shares the column with the cube controls).
    auto* scroll = new QScrollArea(this);
    scroll->setWidget(body);
    scroll->setWidgetResizable(true);
    scroll->setFrameShape(QFrame::NoFrame);
    setWidget(scroll);

    connect(m_run, &QPushButton::clicked, this, &CubeComparePanel::run);
    connect(m_cancel, &QPushButton::clicked, this, &CubeComparePanel::cancel);
    connect(lab->taskRunner(), &TaskRunner::progress, this,
            [this](double fraction, const QString& message) {
                if (!m_running || m_lab->taskRunner()->currentTitle() != kTaskTitle)
                    return;
                m_progress->setValue(int(1000 * fraction));
                if (!message.isEmpty())
                    m_status->setText(message);
            });
    connect(lab->taskRunner(), &TaskRunner::finished, this,
            [this](const QString& title, bool ok, bool cancelled, const QString& error) {
                if (!m_running || title != kTaskTitle)
                    return;
                m_running = false;
                m_run->setEnabled(true);
                m_cancel->setEnabled(false);
                if (cancelled)
                    m_status->setText(tr("Cancelled; the table shows the last finished run."));
                else if (!ok)
                    m_status->setText(tr("Comparison failed: %1").arg(error));
                if (!ok)
                    Q_EMIT comparisonFinished(cancelled);
            });

    // The shipped networks, when this build embeds them.
    for (int i = 0; i < kSlots; ++i) {
        try {
            if (auto net = cube::QNetwork::shipped(2, kShippedActions[i])) {
                m_models[std::size_t(i)] = std::make_shared<const cube::QNetwork>(std::move(*net));
                m_modelNames[std::size_t(i)] =
                    QString::fromStdString(cube::QNetwork::shippedName(2, kShippedActions[i]))
                        .section('/', -1);
            }
        } catch (const std::exception&) {
            // A broken shipped file is a build defect that the model tests report; the slot
            // stays empty for the user to fill.
        }
    }
    m_cancel->setEnabled(false);
    showModels();
    m_status->setText(tr("Both methods run on the same states with the same network. A* "
                         "generates every child of each node it expands; Q* only the child of "
                         "each (state, action) pair it pops."));
}

void CubeComparePanel::setModel(int slot, std::shared_ptr<const cube::QNetwork> model,
                                const QString& name) {
    if (slot < 0 || slot >= kSlots)
        return;
    m_models[std::size_t(slot)] = std::move(model);
    m_modelNames[std::size_t(slot)] = m_models[std::size_t(slot)] ? name : QString();
    showModels();
}

bool CubeComparePanel::openModel(int slot, const QString& path, QString* error) {
    try {
        setModel(slot,
                 std::make_shared<const cube::QNetwork>(cube::QNetwork::load(path.toStdString())),
                 path.section('/', -1));
        return true;
    } catch (const std::exception& e) {
        if (error)
            *error = QString::fromUtf8(e.what());
        return false;
    }
}

std::shared_ptr<const cube::QNetwork> CubeComparePanel::model(int slot) const {
    return slot >= 0 && slot < kSlots ? m_models[std::size_t(slot)] : nullptr;
}

void CubeComparePanel::showModels() {
    for (int i = 0; i < kSlots; ++i) {
        const auto& m = m_models[std::size_t(i)];
        m_modelLabels[std::size_t(i)]->setText(m ? tr("%1 (%2x%2x%2, %3 actions)")
                                                       .arg(m_modelNames[std::size_t(i)])
                                                       .arg(m->cubeSize())
                                                       .arg(m->actions())
                                                 : tr("<i>none</i>"));
    }
}

CubeCompareSettings CubeComparePanel::settings() const {
    CubeCompareSettings s;
    s.scrambles = m_scrambles->value();
    s.depth = m_depth->value();
    s.randomState = m_randomState->isChecked();
    s.batch = m_batch->value();
    s.lambda = m_lambda->value();
    s.maxNodes = m_maxNodes->value();
    s.seconds = m_seconds->value();
    s.seed = m_seed->value();
    return s;
}

void CubeComparePanel::setSettings(const CubeCompareSettings& s) {
    m_scrambles->setValue(s.scrambles);
    m_depth->setValue(s.depth);
    m_randomState->setChecked(s.randomState);
    m_batch->setValue(s.batch);
    m_lambda->setValue(s.lambda);
    m_maxNodes->setValue(int(std::min<qint64>(s.maxNodes, m_maxNodes->maximum())));
    m_seconds->setValue(s.seconds);
    m_seed->setValue(s.seed);
}

void CubeComparePanel::run() {
    if (m_running)
        return;
    struct Job {
        std::shared_ptr<const cube::QNetwork> net;
        QString name;
    };
    std::vector<Job> jobs;
    for (int i = 0; i < kSlots; ++i)
        if (m_models[std::size_t(i)])
            jobs.push_back({m_models[std::size_t(i)], m_modelNames[std::size_t(i)]});
    auto refuse = [this](const QString& why) {
        m_status->setText(why);
        Q_EMIT m_lab->statusMessage(why, 8000);
    };
    if (jobs.empty())
        return refuse(tr("Choose at least one Q-network (Open..., or Lab's)"));
    const int n = jobs.front().net->cubeSize();
    for (const Job& j : jobs)
        if (j.net->cubeSize() != n)
            return refuse(tr("The networks are for different cube sizes; the comparison runs "
                             "every network on the same states"));
    const CubeCompareSettings s = settings();
    cube::SearchLimits lim;
    lim.batch = s.batch;
    lim.lambda = s.lambda;
    lim.maxNodes = std::uint64_t(s.maxNodes);
    lim.maxSeconds = s.seconds;

    struct Out {
        std::vector<cube::Cube> states;
        std::vector<cube::MethodSummary> rows;
        QStringList rowModels;
    };
    auto out = std::make_shared<Out>();
    m_running = true;
    m_run->setEnabled(false);
    m_cancel->setEnabled(true);
    m_progress->setValue(0);
    m_status->setText(tr("Running..."));
    m_lab->taskRunner()->run(
        kTaskTitle,
        [jobs, s, n, lim, out](const util::TaskContext& ctx) {
            out->states = cube::comparisonStates(n, s.scrambles, s.depth, s.randomState,
                                                 std::uint64_t(s.seed));
            std::optional<cube::PocketTable> table;
            if (n == 2) {
                ctx.report(0, "building the exact 2x2x2 table");
                table = cube::PocketTable::build(cube::Metric::Quarter, ctx);
            }
            const int perNet = 2 * int(out->states.size());
            const int total = perNet * int(jobs.size());
            for (std::size_t j = 0; j < jobs.size(); ++j) {
                const std::string name = jobs[j].name.toStdString();
                auto rows = cube::compareSearches(
                    *jobs[j].net, out->states, lim, table ? &*table : nullptr, ctx, [&](int done) {
                        ctx.report(double(int(j) * perNet + done) / double(total),
                                   name + ": " + std::to_string(done) + " of " +
                                       std::to_string(perNet) + " searches");
                    });
                for (auto& r : rows) {
                    out->rows.push_back(std::move(r));
                    out->rowModels << jobs[j].name;
                }
            }
        },
        [this, out] {
            m_states = std::move(out->states);
            m_rows = std::move(out->rows);
            m_rowModels = out->rowModels;
            m_progress->setValue(1000);
            showResults();
            Q_EMIT comparisonFinished(false);
        });
}

void CubeComparePanel::cancel() {
    if (m_running && m_lab->taskRunner()->currentTitle() == kTaskTitle)
        m_lab->taskRunner()->cancel();
}

void CubeComparePanel::showResults() {
    m_table->setRowCount(int(m_rows.size()));
    QCustomPlot* p = m_plot->plot();
    for (int g = 0; g < p->graphCount(); ++g)
        p->graph(g)->data()->clear();
    double minNodes = 1e9, maxNodes = 10, minSeconds = 1e-3, maxSeconds = 1e-2;
    for (int i = 0; i < int(m_rows.size()); ++i) {
        const cube::MethodSummary& r = m_rows[std::size_t(i)];
        const int scrambles = std::max(1, r.scrambles);
        m_table->setItem(i, 0, new QTableWidgetItem(m_rowModels.value(i)));
        m_table->setItem(i, 1, numberItem(QString::number(r.actions)));
        m_table->setItem(i, 2, new QTableWidgetItem(methodTitle(r.method)));
        m_table->setItem(i, 3,
                         numberItem(tr("%1% (%2/%3)")
                                        .arg(100.0 * r.solved / scrambles, 0, 'f', 0)
                                        .arg(r.solved)
                                        .arg(r.scrambles)));
        m_table->setItem(i, 4, numberItem(QString::number(r.meanLengthQtm, 'f', 2)));
        m_table->setItem(i, 5, numberItem(QString::number(r.meanNodesGenerated, 'f', 0)));
        m_table->setItem(i, 6, numberItem(QString::number(r.meanSeconds, 'g', 3)));
        m_table->setItem(i, 7,
                         numberItem(r.fractionOptimal
                                        ? tr("%1%").arg(100.0 * *r.fractionOptimal, 0, 'f', 0)
                                        : QStringLiteral("-")));
        m_table->setItem(i, 8, numberItem(QString::number(r.maxPeakMiB, 'f', 1)));
        const int base = r.method == "qstar" ? 0 : 1;
        p->graph(base)->addData(r.actions, r.meanNodesGenerated);
        p->graph(base + 2)->addData(r.actions, r.meanSeconds);
        minNodes = std::min(minNodes, std::max(1.0, r.meanNodesGenerated));
        maxNodes = std::max(maxNodes, r.meanNodesGenerated);
        if (r.meanSeconds > 0) {
            minSeconds = std::min(minSeconds, r.meanSeconds);
            maxSeconds = std::max(maxSeconds, r.meanSeconds);
        }
    }
    p->xAxis->setRange(8, 3000);
    p->yAxis->setRange(std::min(minNodes, maxNodes) / 3, maxNodes * 3);
    p->yAxis2->setRange(minSeconds / 3, maxSeconds * 3);
    p->replot();
    m_status->setText(tr("%1 states, %2 networks: Q* and A* with batch %3, lambda %4.")
                          .arg(m_states.size())
                          .arg(m_rows.size() / 2)
                          .arg(m_rows.empty() ? 0 : m_rows.front().batch)
                          .arg(m_rows.empty() ? 0.0 : m_rows.front().lambda));
}

} // namespace algoscope::ui
