#include "CubeTrainPanel.h"

#include "CubeLab.h"
#include "FormGrid.h"
#include "Gallery.h"
#include "PlotView.h"
#include "TaskRunner.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDoubleSpinBox>
#include <QFileDialog>
#include <QGridLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QMessageBox>
#include <QPointer>
#include <QProgressBar>
#include <QPushButton>
#include <QScrollArea>
#include <QSpinBox>
#include <QVBoxLayout>
#include <qcustomplot.h>

#include <atomic>
#include <chrono>

namespace algoscope::ui {

namespace {

const QString kTaskTitle = QStringLiteral("Cube: training a Q-network");

QSpinBox* spin(int lo, int hi, int value, const QString& tip) {
    auto* s = new QSpinBox;
    s->setRange(lo, hi);
    s->setValue(value);
    s->setToolTip(tip);
    return s;
}

} // namespace

CubeTrainPanel::CubeTrainPanel(CubeLab* lab, QWidget* parent)
    : Panel(QStringLiteral("cube"), QStringLiteral("training"), tr("Q-network training"), parent),
      m_lab(lab), m_size(new QComboBox), m_actions(new QComboBox),
      m_steps(spin(1, 100000000, 5000, tr("Gradient steps"))),
      m_batch(spin(1, 100000, 512, tr("States per step"))),
      m_maxScramble(
          spin(1, 1000, 14, tr("K: training states are 1..K random quarter turns from solved"))),
      m_hidden1(spin(1, 8192, 512, tr("Width of the first hidden layer"))),
      m_hidden2(spin(1, 8192, 256, tr("Width of the residual blocks"))),
      m_blocks(spin(0, 64, 2, tr("Residual blocks"))),
      m_seed(spin(0, 1000000000, 1, tr("Seed of the initial weights and the training states"))),
      m_actionsPerState(spin(0, 1884, 1,
                             tr("Actions trained per sampled state: 1 is the Q* paper's; 0 trains "
                                "all (for 12 actions: 3x more targets per second)"))),
      m_lr(new QDoubleSpinBox), m_doubleQ(new QCheckBox(tr("Double Q"))),
      m_scrambleBound(new QCheckBox(tr("Scramble bound"))), m_train(new QPushButton(tr("Train"))),
      m_cancel(new QPushButton(tr("Cancel"))), m_save(new QPushButton(tr("Save..."))),
      m_use(new QPushButton(tr("Use in lab"))), m_progress(new QProgressBar), m_status(new QLabel),
      m_plot(new PlotView(QStringLiteral("cube-training-loss"))) {
    setDefaultArea(Qt::RightDockWidgetArea);
    auto* body = new QWidget;
    auto* layout = new QVBoxLayout(body);
    auto* form = new QGridLayout;
    m_size->addItem(tr("2x2x2"), 2);
    m_size->addItem(tr("3x3x3"), 3);
    m_actions->addItem(tr("12 quarter turns"), 12);
    m_actions->addItem(tr("156 (+ pairs)"), 156);
    m_actions->addItem(tr("1884 (+ triples)"), 1884);
    m_actions->setToolTip(tr("The Q-network's outputs: Q* generates one child per popped pair, so "
                             "its cost barely grows with the action space; A* generates all"));
    m_lr->setDecimals(5);
    m_lr->setRange(0.00001, 1.0);
    m_lr->setSingleStep(0.0005);
    m_lr->setValue(0.001);
    m_lr->setToolTip(tr("AdamW learning rate"));
    // Two label/field pairs per row keep the loss plot in view in a short dock.
    addFormPair(form, 0, 0, tr("Cube"), m_size);
    addFormPair(form, 0, 1, tr("Actions"), m_actions);
    addFormPair(form, 1, 0, tr("Steps"), m_steps);
    addFormPair(form, 1, 1, tr("Batch"), m_batch);
    addFormPair(form, 2, 0, tr("Max scramble K"), m_maxScramble);
    addFormPair(form, 2, 1, tr("Learning rate"), m_lr);
    auto* hidden = new QWidget;
    auto* hiddenLayout = new QHBoxLayout(hidden);
    hiddenLayout->setContentsMargins(0, 0, 0, 0);
    hiddenLayout->addWidget(m_hidden1);
    hiddenLayout->addWidget(m_hidden2);
    addFormPair(form, 3, 0, tr("Hidden sizes"), hidden);
    addFormPair(form, 3, 1, tr("Blocks"), m_blocks);
    addFormPair(form, 4, 0, tr("Seed"), m_seed);
    m_actionsPerState->setSpecialValueText(tr("all"));
    m_actionsPerState->setObjectName(QStringLiteral("cube.training.actionsPerState"));
    addFormPair(form, 4, 1, tr("Actions per state"), m_actionsPerState);
    m_doubleQ->setObjectName(QStringLiteral("cube.training.doubleQ"));
    m_doubleQ->setToolTip(tr("Double Q-learning: the child's value is the target network's Q of "
                             "the action the trained network ranks best (less low bias from "
                             "the minimum over many outputs; one more forward pass)"));
    m_scrambleBound->setObjectName(QStringLiteral("cube.training.scrambleBound"));
    m_scrambleBound->setToolTip(tr("Clamp each target by what the random walk proves: the action "
                                   "undoing its last t turns has Q at most 1 + K - t"));
    form->addWidget(m_doubleQ, 5, 1);
    form->addWidget(m_scrambleBound, 5, 3);
    form->setColumnStretch(1, 1);
    form->setColumnStretch(3, 1);
    layout->addLayout(form);
    m_train->setObjectName(QStringLiteral("cube.training.train"));
    m_cancel->setObjectName(QStringLiteral("cube.training.cancel"));
    m_save->setObjectName(QStringLiteral("cube.training.save"));
    m_use->setObjectName(QStringLiteral("cube.training.use"));
    m_train->setToolTip(tr("Runs in the background; editing the cube or solving stops it"));
    auto* buttons = new QHBoxLayout;
    for (QPushButton* b : {m_train, m_cancel, m_save, m_use})
        buttons->addWidget(b);
    layout->addLayout(buttons);
    m_progress->setRange(0, 1000);
    m_progress->setValue(0);
    layout->addWidget(m_progress);
    m_status->setWordWrap(true);
    m_status->setText(tr("Deep approximate Q-learning (DeepCubeA's targets, one action per "
                         "state). The CLI does the same: algoscope-cli cube train."));
    layout->addWidget(m_status);
    QCustomPlot* p = m_plot->plot();
    p->addGraph()->setName(tr("loss (MSE of the chosen action's Q)"));
    p->graph(0)->setPen(QPen(seriesColor(1), 1.5));
    p->xAxis->setLabel(tr("step"));
    p->yAxis->setLabel(tr("loss"));
    p->yAxis->setScaleType(QCPAxis::stLogarithmic);
    p->yAxis->setTicker(QSharedPointer<QCPAxisTickerLog>(new QCPAxisTickerLog));
    m_plot->setMinimumHeight(140);
    layout->addWidget(m_plot, 1);
    // Scrolls when the dock is short (it shares the column with the cube controls).
    auto* scroll = new QScrollArea(this);
    scroll->setWidget(body);
    scroll->setWidgetResizable(true);
    scroll->setFrameShape(QFrame::NoFrame);
    setWidget(scroll);

    connect(m_size, &QComboBox::currentIndexChanged, this,
            [this] { m_maxScramble->setValue(m_size->currentData().toInt() == 2 ? 14 : 30); });
    connect(m_train, &QPushButton::clicked, this, &CubeTrainPanel::train);
    connect(m_cancel, &QPushButton::clicked, this, &CubeTrainPanel::cancel);
    connect(m_save, &QPushButton::clicked, this, [this] {
        const QString path = QFileDialog::getSaveFileName(this, tr("Save cube Q-network"),
                                                          QStringLiteral("cube-%1-rc%2.safetensors")
                                                              .arg(m_trainedConfig.cubeSize)
                                                              .arg(m_trainedConfig.actions),
                                                          tr("Models (*.safetensors)"));
        QString error;
        if (!path.isEmpty() && !saveNetwork(path, &error))
            QMessageBox::warning(this, tr("Cannot save the network"), error);
    });
    connect(m_use, &QPushButton::clicked, this, &CubeTrainPanel::useInLab);
    connect(lab->taskRunner(), &TaskRunner::finished, this,
            [this](const QString& title, bool ok, bool cancelled, const QString& error) {
                if (m_training && title == kTaskTitle)
                    onFinished(ok, cancelled, error);
            });
    updateButtons();
}

cube::DqnConfig CubeTrainPanel::config() const {
    cube::DqnConfig c;
    c.cubeSize = m_size->currentData().toInt();
    c.actions = m_actions->currentData().toInt();
    c.steps = m_steps->value();
    c.batch = m_batch->value();
    c.maxScramble = m_maxScramble->value();
    c.lr = m_lr->value();
    c.hidden1 = m_hidden1->value();
    c.hidden2 = m_hidden2->value();
    c.blocks = m_blocks->value();
    c.seed = std::uint64_t(m_seed->value());
    c.actionsPerState = m_actionsPerState->value();
    c.doubleQ = m_doubleQ->isChecked();
    c.scrambleBound = m_scrambleBound->isChecked();
    return c;
}

void CubeTrainPanel::setConfig(const cube::DqnConfig& c) {
    m_size->setCurrentIndex(m_size->findData(c.cubeSize));
    m_actions->setCurrentIndex(m_actions->findData(c.actions));
    m_steps->setValue(c.steps);
    m_batch->setValue(c.batch);
    m_maxScramble->setValue(c.maxScramble);
    m_lr->setValue(c.lr);
    m_hidden1->setValue(c.hidden1);
    m_hidden2->setValue(c.hidden2);
    m_blocks->setValue(c.blocks);
    m_seed->setValue(int(c.seed));
    m_actionsPerState->setValue(c.actionsPerState);
    m_doubleQ->setChecked(c.doubleQ);
    m_scrambleBound->setChecked(c.scrambleBound);
}

void CubeTrainPanel::train() {
    if (m_training)
        return;
    const cube::DqnConfig c = config();
    std::shared_ptr<cube::DqnTrainer> trainer;
    try {
        trainer = std::make_shared<cube::DqnTrainer>(c);
    } catch (const std::exception& e) {
        m_status->setText(QString::fromUtf8(e.what()));
        Q_EMIT m_lab->statusMessage(QString::fromUtf8(e.what()), 10000);
        return;
    }
    m_trainer = trainer;
    m_trainedConfig = c;
    m_training = true;
    m_plot->plot()->graph(0)->data()->clear();
    m_plot->plot()->xAxis->setRange(0, c.steps);
    m_plot->plot()->replot();
    m_progress->setValue(0);
    m_status->setText(tr("Starting..."));
    updateButtons();
    QPointer<CubeTrainPanel> self(this);
    auto stepsDone = std::make_shared<std::atomic<int>>(0);
    m_stepsDone = stepsDone;
    m_lab->taskRunner()->run(kTaskTitle, [trainer, self, stepsDone](const util::TaskContext& ctx) {
        // At most about 20 updates a second reach the GUI (queued to its thread), and always the
        // last step: a small network makes thousands of steps a second.
        auto last = std::chrono::steady_clock::now() - std::chrono::seconds(1);
        trainer->run(
            [self, &last, stepsDone](const cube::DqnProgress& p) {
                stepsDone->store(p.step);
                const auto now = std::chrono::steady_clock::now();
                if (now - last < std::chrono::milliseconds(50) && p.step != p.steps)
                    return;
                last = now;
                QMetaObject::invokeMethod(
                    self.data(),
                    [self, p] {
                        if (self)
                            self->onProgress(p);
                    },
                    Qt::QueuedConnection);
            },
            ctx);
    });
}

void CubeTrainPanel::cancel() {
    if (m_training && m_lab->taskRunner()->currentTitle() == kTaskTitle)
        m_lab->taskRunner()->cancel();
}

void CubeTrainPanel::onProgress(const cube::DqnProgress& p) {
    if (!m_training)
        return;
    m_lastLoss = p.loss;
    m_plot->plot()->graph(0)->addData(p.step, p.loss);
    m_plot->plot()->xAxis->setRange(0, p.steps);
    m_plot->plot()->graph(0)->rescaleValueAxis(false, true);
    m_plot->plot()->replot(QCustomPlot::rpQueuedReplot);
    m_progress->setValue(int(1000.0 * p.step / std::max(1, p.steps)));
    m_status->setText(tr("step %1 / %2, loss %3, %4 target updates, %5 states/s, about %6 s left")
                          .arg(p.step)
                          .arg(p.steps)
                          .arg(p.loss, 0, 'g', 4)
                          .arg(p.targetUpdates)
                          .arg(p.statesPerSecond, 0, 'f', 0)
                          .arg(p.etaSeconds, 0, 'f', 0));
}

void CubeTrainPanel::onFinished(bool ok, bool cancelled, const QString& error) {
    m_training = false;
    // The worker is done with the trainer: take its network (partly trained when cancelled).
    std::shared_ptr<cube::DqnTrainer> trainer = std::move(m_trainer);
    const int steps = m_stepsDone ? m_stepsDone->load() : 0;
    if (trainer && (ok || (cancelled && steps > 0))) {
        m_network = std::make_shared<cube::QNetwork>(trainer->network().clone());
        m_trainedSteps = steps;
        nn::Metadata meta = trainer->metadata();
        meta["train.command"] = "algoscope (cube lab, Q-network training panel)";
        meta["train.steps_done"] = std::to_string(m_trainedSteps);
        meta["train.final_loss"] = std::to_string(m_lastLoss);
        m_network->setMetadata(meta);
    }
    if (ok) {
        m_progress->setValue(1000);
        m_status->setText(tr("Trained %1 steps, final loss %2. Save it, or use it in the lab.")
                              .arg(m_trainedConfig.steps)
                              .arg(m_lastLoss, 0, 'g', 4));
    } else if (cancelled) {
        m_status->setText(steps > 0 ? tr("Cancelled after %1 steps. The network trained so far "
                                         "can be saved or used.")
                                          .arg(steps)
                                    : tr("Cancelled before the first step."));
    } else {
        m_status->setText(tr("Training failed: %1").arg(error));
    }
    updateButtons();
    Q_EMIT trainingFinished(cancelled);
}

bool CubeTrainPanel::saveNetwork(const QString& path, QString* error) const {
    if (!m_network) {
        if (error)
            *error = tr("Train a network first");
        return false;
    }
    try {
        m_network->save(path.toStdString()); // util::writeFileAtomically underneath
        return true;
    } catch (const std::exception& e) {
        if (error)
            *error = QString::fromUtf8(e.what());
        return false;
    }
}

void CubeTrainPanel::useInLab() {
    if (!m_network)
        return;
    m_lab->setModel(std::make_shared<cube::QNetwork>(m_network->clone()),
                    tr("trained here (%1x%1x%1, %2 actions)")
                        .arg(m_network->cubeSize())
                        .arg(m_network->actions()));
    Q_EMIT m_lab->statusMessage(tr("The lab now solves with the network trained here"), 8000);
}

void CubeTrainPanel::updateButtons() {
    m_train->setEnabled(!m_training);
    m_cancel->setEnabled(m_training);
    m_save->setEnabled(!m_training && m_network);
    m_use->setEnabled(!m_training && m_network);
}

} // namespace algoscope::ui
