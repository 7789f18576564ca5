"""Brazilian Portuguese texts of the dashboard, by the same ids as `texts.TEXTS`.

Classroom vocabulary follows the notebook funcnet grew from: *camada
oculta*, *função de ativação*, *neurônios mortos*, *acurácia*, *perda*,
*época*. Every id of the English catalogue has an entry here with the same
`{name}` fields; `tests/unit/test_texts.py` checks both.
"""

from __future__ import annotations

TEXTS_PT: dict[str, str] = {
    # ------------------------------------------------------------------ app
    "app.title": "funcnet",
    "nav.home": "Início",
    "nav.build": "Montar e treinar",
    "nav.architecture": "Arquitetura",
    "nav.evaluate": "Avaliar",
    "nav.activations": "Ativações",
    # ------------------------------------------------------------------ shared vocabulary
    "task.binary": "binária",
    "task.multiclass": "multiclasse",
    "task.regression": "regressão",
    "task.auto": "detectar",
    "status.queued": "na fila",
    "status.running": "treinando",
    "status.evaluating": "testando",
    "status.completed": "concluído",
    "status.stopped": "interrompido",
    "status.failed": "falhou",
    "optimizer.adam": "Adam",
    "optimizer.sgd": "SGD",
    "optimizer.rmsprop": "RMSprop",
    "loss.binary_crossentropy": "entropia cruzada binária",
    "loss.sparse_categorical_crossentropy": "entropia cruzada categórica",
    "loss.mean_squared_error": "erro quadrático médio",
    "loss.mean_absolute_error": "erro absoluto médio",
    "loss.huber": "Huber",
    "metric.loss": "Perda no teste",
    "metric.accuracy": "Acurácia",
    "metric.auc": "AUC",
    "metric.mae": "MAE",
    "metric.r2": "R²",
    "metric.rmse": "RMSE",
    # ------------------------------------------------------------------ home
    "home.title": "funcnet",
    "home.tagline": "Monte uma rede neural, acompanhe o aprendizado e descubra por que ela "
    "se comportou assim.",
    "home.intro": "O funcnet leva a **API funcional** do Keras para o navegador. Você escolhe "
    "as camadas, clica em Treinar e vê as curvas de perda crescerem época após época. Nada "
    "para instalar, nenhum código para digitar — e, se bater a curiosidade, o código está lá: "
    "é a mesma rede que o Keras montaria.",
    "home.build_title": "Montar",
    "home.build_text": "Escolha um conjunto de dados, empilhe camadas densas e defina os "
    "neurônios e as funções de ativação. A contagem de parâmetros acompanha cada mudança.",
    "home.train_title": "Treinar",
    "home.train_text": "O treino roda no servidor e a página continua viva: progresso, curvas "
    "de perda e de acurácia e, em dados 2-D, a fronteira de decisão tomando forma. Dá para "
    "parar quando quiser.",
    "home.understand_title": "Entender",
    "home.understand_text": "Leia a curva ROC, a matriz de confusão e o relatório, mova o "
    "limiar e compare funções de ativação na sua própria rede: neurônios mortos da ReLU e "
    "sigmoides saturadas são medidos, não apenas afirmados.",
    "home.seed_title": "Comece por onde o notebook começa",
    "home.seed_text": "{description} ({params} parâmetros.) Os rótulos são sorteados como "
    "cara ou coroa, então espere uma acurácia perto de 0,5 — uma rede não aprende o que não "
    "existe nos dados, e essa é a primeira lição.",
    "home.start": "Abrir a rede do notebook",
    "home.footer": "Dica: o treino continua em qualquer página — dê uma olhada em Ativações "
    "enquanto ele roda e depois volte.",
    # ------------------------------------------------------------------ build & train
    "build.title": "Montar e treinar",
    "build.intro": "Escolha os dados, dê forma à rede, depois treine e veja ela aprender.",
    "build.data_header": "Dados",
    "build.dataset": "Conjunto de dados",
    "build.csv_option": "CSV enviado: {filename}",
    "build.test_fraction": "Parte para teste",
    "build.test_fraction_help": "Fração das linhas separada para o teste final; a rede "
    "nunca treina com elas.",
    "build.data_seed": "Semente",
    "build.data_seed_help": "Semente dos dados: define como eles são gerados e divididos. "
    "Mesma semente, "
    "mesmas linhas.",
    "build.data_error": "Essa escolha de dados não funciona, então a anterior foi mantida. "
    "{message}",
    "build.data_lost": "Não foi possível carregar mais o seu conjunto de dados, então o "
    "funcnet recomeçou pela rede do notebook. {message}",
    "build.csv_target": "Coluna-alvo",
    "build.csv_target_help": "A coluna que a rede prevê; todas as outras colunas são "
    "atributos de entrada.",
    "build.csv_task": "Tarefa",
    "build.csv_summary": "{filename}: {rows} linhas, {columns} colunas.",
    "build.upload_header": "Envie o seu próprio CSV",
    "build.upload_label": "Arquivo CSV",
    "build.upload_help": "Colunas numéricas, uma linha de cabeçalho, no máximo 5 MB.",
    "build.upload_error": "Não foi possível usar {filename}; a configuração anterior foi "
    "mantida. {message}",
    "build.preview_sizes": "**{label}** · {train} linhas de treino · {test} linhas de teste · "
    "{features} atributos · {targets}",
    "build.target_line": "alvo **{name}** ({task}: {classes})",
    "build.target_line_regression": "alvo **{name}** (regressão)",
    "build.network_header": "Rede",
    "build.preset": "Começar de um modelo pronto",
    "build.load_preset": "Carregar",
    "build.params": "Parâmetros",
    "build.params_help": "Pesos e vieses que a rede aprende, contados a partir da "
    "especificação do mesmo jeito que o Keras conta.",
    "build.not_stack": "Esta rede tem {nodes} nós e {params} parâmetros. Ela não é uma "
    "simples pilha de camadas (tem ramificações, camadas compartilhadas ou várias saídas), "
    "por isso é editada na página Arquitetura. Mesmo assim, dá para treiná-la aqui.",
    "build.col_node": "Nó",
    "build.col_type": "Tipo",
    "build.col_inputs": "Entradas",
    "build.col_output": "Largura",
    "build.col_activation": "Ativação",
    "build.col_params": "Parâmetros",
    "build.layers": "Camadas ocultas",
    "build.col_layer": "Camada",
    "build.col_units": "Neurônios",
    "build.col_dropout": "Dropout",
    "build.layer_name": "Densa {index}",
    "build.units_of": "Neurônios da camada {index}",
    "build.activation_of": "Ativação da camada {index}",
    "build.dropout_of": "Dropout após a camada {index}",
    "build.head_header": "Camada de saída",
    "build.head_target": "Prevê",
    "build.head_activation": "Ativação",
    "build.head_activation_help": "A escolha usual depende da tarefa: sigmoid para "
    "classificação binária, softmax para multiclasse, linear para regressão. Experimente "
    "outra para entender por quê.",
    "build.head_loss": "Perda",
    "build.head_caption": "Saída ({task}) com {units} neurônio(s); a ativação usual é "
    "{default}.",
    "build.network_error": "Essa rede não funciona, então a anterior foi mantida. {message}",
    "build.training_header": "Treino",
    "build.optimizer": "Otimizador",
    "build.learning_rate": "Taxa de aprendizado",
    "build.epochs": "Épocas",
    "build.batch_size": "Tamanho do lote",
    "build.validation_split": "Validação",
    "build.validation_split_help": "Fração das linhas de treino separada a cada época para "
    "desenhar a curva de validação. 0 desliga a validação.",
    "build.train_seed": "Semente do treino",
    "build.train_seed_help": "Define os pesos iniciais, o embaralhamento e o dropout. Mesma "
    "semente, mesmo resultado.",
    "build.training_error": "Essas configurações não funcionam, então as anteriores foram "
    "mantidas. {message}",
    "build.train": "Treinar",
    "build.train_caption": "{epochs} épocas com {data}.",
    # ------------------------------------------------------------------ architecture
    "arch.title": "Arquitetura",
    "arch.intro": "A rede como a API funcional a enxerga: um grafo de camadas com nome. Edite "
    "a tabela — várias entradas, camadas compartilhadas, conexões residuais, várias saídas — "
    "e o desenho, a contagem de parâmetros e o código acompanham.",
    "arch.reload": "Recarregar",
    "arch.nodes": "Nós",
    "arch.inputs_heads": "Entradas → saídas",
    "arch.inputs_heads_help": "Quantos nós de entrada alimentam a rede e com quantas "
    "saídas ela faz previsões.",
    "arch.table_header": "Nós",
    "arch.table_help": "Uma linha por nó. **entradas**: os nós sobre os quais ele é chamado, "
    "separados por vírgulas (um nó denso com várias entradas é uma camada *compartilhada*). "
    "**colunas**: as colunas de atributos que uma entrada recebe, ou `all` ({features} "
    "atributos). Acrescente uma linha no fim; para apagar uma, selecione-a.",
    "arch.col_name": "nome",
    "arch.col_name_help": "Um nome único: letras, dígitos e sublinhados. Vira o nome da "
    "camada no Keras.",
    "arch.col_type": "tipo",
    "arch.col_type_help": "input (entrada), dense (uma camada Dense), add ou concatenate "
    "(juntam ramificações), output (uma saída).",
    "arch.col_inputs": "entradas",
    "arch.col_inputs_help": "Nomes dos nós que este recebe, separados por vírgulas.",
    "arch.col_columns": "colunas",
    "arch.col_columns_help": "Só para nós de entrada: colunas de atributos separadas por "
    "vírgulas, ou all.",
    "arch.col_units": "neurônios",
    "arch.col_activation": "ativação",
    "arch.col_dropout": "dropout",
    "arch.col_batch_norm": "batch norm",
    "arch.col_batch_norm_help": "Normaliza as saídas da camada antes da ativação.",
    "arch.col_task": "tarefa",
    "arch.col_target": "alvo",
    "arch.col_loss": "perda",
    "arch.col_loss_weight": "peso da perda",
    "arch.table_error": "Esta tabela ainda não é uma rede válida, então a última válida foi "
    "mantida (desenhada abaixo). {message}",
    "arch.revert": "Voltar à última rede válida",
    "arch.graph_header": "Grafo",
    "arch.graph_last_valid": "A última rede válida; o nó citado na mensagem aparece em "
    "vermelho.",
    "arch.graph_legend": "Arestas laranja tracejadas são conexões residuais; borda dupla "
    "indica uma camada compartilhada (os mesmos pesos em todas as entradas que recebe).",
    "arch.params_title": "Parâmetros por nó",
    "arch.train_header": "Treinar esta rede",
    "arch.train_caption": "Dados: {data} · saídas: {heads} · {optimizer}, lote {batch}, "
    "semente {seed}. As demais configurações de treino ficam em Montar e treinar.",
    "arch.files_header": "Código e arquivos",
    "arch.tab_code": "Código Python",
    "arch.tab_setup": "Arquivo de configuração",
    "arch.tab_model": "Modelo treinado",
    "arch.code_intro": "Um script completo no estilo do notebook (Input, Dense, Model, "
    "compile, fit) que carrega os mesmos dados e monta exatamente esta rede — mesmas "
    "camadas, conexões, ativações e contagem de parâmetros.",
    "arch.show_code": "Mostrar código",
    "arch.download_code": "Baixar {filename}",
    "arch.setup_intro": "Toda a configuração — dados, rede, treino, sementes — em JSON. "
    "Envie o arquivo depois (ou em outro computador) para continuar de onde parou.",
    "arch.download_setup": "Baixar a configuração (.json)",
    "arch.upload_setup": "Enviar uma configuração (.json)",
    "arch.upload_setup_help": "Um arquivo de configuração salvo pelo funcnet, de no máximo "
    "64 KB. Só JSON é lido: o funcnet nunca carrega um arquivo de modelo nem pickle.",
    "arch.setup_too_large": "O arquivo tem {size} bytes; uma configuração tem no máximo "
    "{limit} bytes.",
    "arch.setup_error": "Não foi possível usar {filename}; a configuração atual foi "
    "mantida. {message}",
    "arch.no_model": "Ainda não há modelo treinado. Treine a rede e o arquivo .keras poderá "
    "ser baixado aqui.",
    "arch.model_caption": "Seu último modelo treinado: {data}, {params} parâmetros, saídas "
    "{heads}.",
    # ------------------------------------------------------------------ share links
    "share.button": "Compartilhar",
    "share.intro": "Este link abre o funcnet exatamente com esta configuração: dados, rede, "
    "treino e sementes. Treinar de novo gera as mesmas curvas.",
    "share.caption": "Copie com o botão que aparece no canto superior direito da caixa. A "
    "barra de endereço guarda o mesmo link.",
    "share.bad_link": "Não foi possível usar o link aberto, então o funcnet começa pela rede "
    "do notebook. {message}",
    # ------------------------------------------------------------------ live training
    "live.idle": "Clique em Treinar para começar: {epochs} épocas. As curvas crescem aqui, "
    "época após época.",
    "live.data_title": "Os dados (padronizados), coloridos por classe",
    "live.header": "Treino ao vivo",
    "live.stop": "Parar",
    "live.queued": "Aguardando um processo de treino livre…",
    "live.starting": "Começando: 0 de {epochs} épocas",
    "live.running": "Época {epoch} de {epochs} · {elapsed} até agora · faltam cerca de {left}",
    "live.evaluating": "As {epochs} épocas terminaram · testando o modelo no conjunto de "
    "teste…",
    "live.stopping": "Parando após a época {epoch} de {epochs}…",
    "live.completed": "Concluído: {epochs} épocas em {elapsed}",
    "live.stopped": "Interrompido na época {epoch} de {epochs}",
    "live.failed": "Falhou: {epoch} de {epochs} épocas concluídas",
    "live.loss_title": "Perda por época",
    "live.boundary_title": "Fronteira de decisão, época {epoch}",
    "live.failed_message": "O treino falhou: {message}",
    "live.no_reason": "nenhum motivo foi informado.",
    "live.results_header": "Resultados no teste · {data}",
    "live.other_setup": "Estas curvas são do seu último treino ({data}, {params} "
    "parâmetros); a configuração mudou desde então. Clique em Treinar para treinar a nova.",
    "live.test_set": "Em {n} linhas de teste que a rede nunca viu:",
    "live.head_label": "Saída **{head}**",
    "live.to_evaluate": "Avaliar este modelo: curva ROC, matriz de confusão, relatório",
    # ------------------------------------------------------------------ evaluate
    "eval.title": "Avaliar",
    "eval.none": "Nenhum treino terminou ainda. Treine uma rede primeiro; os resultados do "
    "teste aparecem aqui.",
    "eval.to_build": "Ir para Montar e treinar",
    "eval.run_caption": "{data} · {epochs} de {total} épocas ({status}) em {elapsed} · "
    "{params} parâmetros · terminou às {when}",
    "eval.newer_failed": "O seu último treino não gerou um modelo; este é o anterior.",
    "eval.head": "Saída",
    "eval.head_option": "{head} ({task})",
    "eval.threshold": "Limiar de decisão",
    "eval.threshold_help": "Uma amostra é prevista como positiva quando a pontuação dela "
    "passa do limiar. Mova o limiar e veja o ponto da ROC, a matriz e o relatório "
    "acompanharem.",
    "eval.tpr": "Taxa de verdadeiros positivos",
    "eval.tpr_help": "Fração dos positivos reais que o modelo encontra (revocação).",
    "eval.fpr": "Taxa de falsos positivos",
    "eval.fpr_help": "Fração dos negativos reais marcados por engano como positivos.",
    "eval.classes": "Classes",
    "eval.test_rows": "Linhas de teste",
    "eval.roc_title": "Curva ROC",
    "eval.confusion_title": "Matriz de confusão",
    "eval.confusion_title_threshold": "Matriz de confusão com limiar {threshold}",
    "eval.report_header": "Relatório de classificação",
    "eval.report_row": "Classe",
    "eval.report_caption": "Precisão (precision): das amostras previstas numa classe, "
    "quantas são dela. Revocação (recall): das amostras de uma classe, quantas são "
    "encontradas. O F1 equilibra as duas; o suporte (support) conta as amostras.",
    "eval.download": "Baixar o modelo treinado (.keras)",
    "eval.download_help": "Carregue-o com keras.models.load_model(\"funcnet-model.keras\").",
    # ------------------------------------------------------------------ activations
    "act.title": "Funções de ativação",
    "act.intro": "O que cada função faz, qual é a cara dela e como ela se comporta na sua "
    "rede.",
    "act.table_header": "Visão geral",
    "act.col_function": "Função",
    "act.col_formula": "Fórmula",
    "act.col_range": "Faixa de saída",
    "act.col_pros": "Vantagens",
    "act.col_cons": "Desvantagens",
    "act.col_use": "Uso principal",
    "act.plot_header": "Formas e inclinações",
    "act.plot_pick": "Funções no gráfico",
    "act.leaky_alpha": "α da Leaky ReLU",
    "act.leaky_alpha_help": "Inclinação para entradas negativas. A leaky_relu do Keras usa "
    "0,2.",
    "act.elu_alpha": "α da ELU",
    "act.elu_alpha_help": "Profundidade do patamar negativo da ELU: as saídas se aproximam "
    "de −α.",
    "act.plot_f": "As funções f(x)",
    "act.plot_df": "Suas derivadas f′(x)",
    "act.plot_caption": "Onde a derivada vale 0, o neurônio para de aprender: a ReLU abaixo "
    "de zero (neurônios mortos), a sigmoid e a tanh longe de zero (saturação, o gradiente "
    "que desaparece).",
    "act.compare_header": "Comparar na minha rede",
    "act.compare_intro": "Treina a sua rede atual uma vez para cada ativação — todas as "
    "camadas ocultas trocadas por ela, a camada de saída intacta — com os mesmos dados, a "
    "mesma divisão e os mesmos pesos iniciais. A API funcional permite que todas as "
    "variantes vivam num só modelo, lado a lado sobre as mesmas entradas, e treinem juntas "
    "num único fit — cada ramo exatamente como treinaria sozinho.",
    "act.setup_line": "Sua rede: {layers} camada(s) oculta(s) densa(s), {params} parâmetros, "
    "com {data}, {epochs} épocas, semente {seed}.",
    "act.compare_pick": "Ativações para comparar",
    "act.compare_pick_help": "Só ativações de camadas ocultas: a softmax é coisa de camada "
    "de saída.",
    "act.compare_button": "Comparar",
    "act.no_hidden": "Esta rede não tem camada oculta densa, então não há o que trocar. "
    "Acrescente uma camada em Montar e treinar.",
    "act.live_header": "**{runs} treinos** com {data}",
    "act.stop": "Parar todos",
    "act.col_status": "Situação",
    "act.col_epoch": "Época",
    "act.col_progress": "Progresso",
    "act.col_train_loss": "Perda no treino",
    "act.col_val_loss": "Perda na validação",
    "act.curves_val_loss": "Perda de validação por época",
    "act.curves_loss": "Perda de treino por época",
    "act.ranking_header": "Classificação (menor perda final de validação primeiro)",
    "act.col_accuracy": "Acurácia no teste",
    "act.col_auc": "AUC no teste",
    "act.col_best_epoch": "Melhor época",
    "act.col_seconds": "Tempo",
    "act.col_seconds_help": "Segundos de treino do modelo do qual este treino foi um ramo; "
    "ramos treinados juntos dividem esse tempo.",
    "act.col_dead": "Neurônios mortos",
    "act.col_dead_help": "Fração dos neurônios ocultos com ReLU cuja saída é 0 para todas as "
    "amostras de teste: eles não aprendem mais.",
    "act.col_saturated": "Neurônios saturados",
    "act.col_saturated_help": "Fração dos neurônios ocultos com tanh/sigmoid presos a menos "
    "de 0,05 de um limite em pelo menos 90% das amostras de teste: o gradiente deles "
    "praticamente sumiu.",
    "act.col_grad": "Gradiente da 1ª camada",
    "act.col_grad_help": "Tamanho (norma L2) do gradiente da perda que chega aos pesos da "
    "primeira camada antes do treino: o quanto a primeira camada é empurrada a mudar.",
    "act.run_failed": "{activation} falhou: {message}",
    "act.finding_best": "**{activation}** terminou com a menor perda nesta rede.",
    "act.finding_dead": "Com **{activation}**, {share} dos neurônios ocultos dão zero para "
    "todas as amostras de teste — os *neurônios mortos* da tabela.",
    "act.finding_alive": "{activations} mantêm alguma inclinação abaixo de zero, então "
    "nenhum dos seus neurônios morre.",
    "act.finding_no_dead": "Nenhum neurônio com ReLU morreu nestes treinos.",
    "act.finding_saturated": "Com **{activation}**, {share} dos neurônios ocultos ficam nas "
    "pontas planas da curva, onde o gradiente é quase zero (*saturação*).",
    "act.finding_gradient": "Antes do treino, o gradiente da primeira camada é {weak_norm} "
    "com **{weak}** contra {strong_norm} com **{strong}**, {ratio}× mais fraco: o *gradiente "
    "que desaparece* de que a tabela fala.",
    "act.finding_caveat": "Um treino por ativação, com uma só semente: diferenças de poucos "
    "centésimos são ruído.",
    # ------------------------------------------------------------------ language control
    "lang.label": "Idioma · Language",
    "lang.en": "EN",
    "lang.pt": "PT",
    "lang.help": "English / Português",
    # ------------------------------------------------------------------ chart texts
    "chart.training": "Treino",
    "chart.validation": "Validação",
    "chart.training_loss": "Perda de treino",
    "chart.training_accuracy": "Acurácia de treino",
    "chart.epoch": "Época",
    "chart.loss": "Perda",
    "chart.accuracy": "Acurácia",
    "chart.val_loss": "Perda de validação",
    "chart.val_accuracy": "Acurácia de validação",
    "chart.val_auc": "AUC de validação",
    "chart.mae": "Erro absoluto médio",
    "chart.mse": "Erro quadrático médio",
    "chart.rmse": "Raiz do erro quadrático médio",
    "chart.val_mae": "Erro absoluto médio de validação",
    "chart.val_mse": "Erro quadrático médio de validação",
    "chart.val_rmse": "Raiz do erro quadrático médio de validação",
    "chart.per_epoch": "por época",
    "chart.by_activation": "por ativação",
    "chart.no_runs": "Ainda não há treinos para comparar",
    "chart.waiting": "Aguardando a primeira época…",
    "chart.chance": "Acaso (AUC = 0,5)",
    "chart.chance_hover": "Acaso: TVP = TFP",
    "chart.current_threshold": "Limiar atual",
    "chart.fpr": "Taxa de falsos positivos",
    "chart.tpr": "Taxa de verdadeiros positivos",
    "chart.roc": "Curva ROC",
    "chart.rocs": "Curvas ROC (uma classe contra as demais)",
    "chart.confusion": "Matriz de confusão",
    "chart.predicted": "Previsto",
    "chart.true": "Real",
    "chart.count": "Contagem",
    "chart.predicted_p": "Probabilidade prevista P",
    "chart.confidence": "Maior probabilidade de classe (confiança)",
    "chart.test_samples": "Amostras de teste",
    "chart.scores_by_class": "Pontuações por classe real",
    "chart.confidence_by_class": "Confiança do modelo por classe real",
    "chart.score": "Pontuação",
    "chart.samples": "Amostras",
    "chart.perfect": "Previsão perfeita (y = x)",
    "chart.perfect_hover": "Previsão perfeita",
    "chart.predicted_vs_true": "Previsto vs. real",
    "chart.true_value": "Valor real",
    "chart.predicted_value": "Valor previsto",
    "chart.residuals": "Resíduos (real − previsto)",
    "chart.residual": "Resíduo",
    "chart.data": "Dados",
    "chart.boundary": "Fronteira (P = 0,5)",
    "chart.predicted_class": "Classe prevista",
    "chart.decision_boundary": "Fronteira de decisão",
    "chart.activations": "Funções de ativação",
    "chart.derivatives": "Derivadas das funções de ativação",
    "chart.choose_one": "Escolha pelo menos uma ativação",
    "chart.parameters": "Parâmetros",
    "chart.node": "Nó",
    "chart.params_per_node": "Parâmetros por nó",
    "chart.total": "total",
    "chart.share_of_row": "Fração da linha",
    # ------------------------------------------------------------------ activation registry
    "act.relu.advantages": "Simples e barata; o gradiente vale 1 para toda entrada positiva, "
    "então não desaparece como os gradientes da sigmoid e da tanh.",
    "act.relu.disadvantages": "Um neurônio cuja entrada fica sempre negativa dá saída 0 com "
    "gradiente 0 e para de aprender (um neurônio morto).",
    "act.relu.main_use": "Camadas ocultas (a escolha padrão)",
    "act.tanh.advantages": "Centrada em zero, o que costuma treinar melhor que a sigmoid em "
    "camadas ocultas.",
    "act.tanh.disadvantages": "Satura para |x| grande: o gradiente encolhe rumo a 0 "
    "(gradiente que desaparece), pior em redes profundas.",
    "act.tanh.main_use": "Camadas ocultas, redes recorrentes",
    "act.sigmoid.advantages": "Pode ser lida como probabilidade: a saída natural de um "
    "classificador binário.",
    "act.sigmoid.disadvantages": "Satura em 0 e em 1 (gradiente que desaparece) e não é "
    "centrada em zero; uma escolha fraca para camadas ocultas.",
    "act.sigmoid.main_use": "Camada de saída da classificação binária",
    "act.softmax.advantages": "Transforma um vetor de pontuações em probabilidades que "
    "somam 1.",
    "act.softmax.disadvantages": "Acopla todos os neurônios da camada; não faz sentido numa "
    "camada oculta.",
    "act.softmax.main_use": "Camada de saída da classificação multiclasse",
    "act.leaky_relu.advantages": "Mantém um gradiente pequeno para entradas negativas, então "
    "os neurônios não morrem; funciona bem em redes profundas.",
    "act.leaky_relu.disadvantages": "Acrescenta uma inclinação α a escolher (o "
    "identificador do Keras usa α = 0,2).",
    "act.leaky_relu.main_use": "Camadas ocultas",
    "act.elu.advantages": "Sem neurônios mortos e com saídas de média perto de zero, o que "
    "ajuda o gradiente a fluir em redes profundas.",
    "act.elu.disadvantages": "Calcula uma exponencial para cada entrada negativa: um pouco "
    "mais lenta que a ReLU.",
    "act.elu.main_use": "Camadas ocultas de redes profundas",
    "act.gelu.advantages": "Curva suave parecida com a ReLU, ponderada pela distribuição "
    "acumulada da normal; o padrão nos Transformers.",
    "act.gelu.disadvantages": "Mais cara que a ReLU; o pequeno mergulho negativo pode "
    "confundir quem está começando.",
    "act.gelu.main_use": "Camadas ocultas de Transformers e MLPs modernos",
    "act.selu.advantages": "Autonormalizante: com pesos LeCun-normal, as ativações mantêm "
    "média 0 e variância 1 ao longo de muitas camadas.",
    "act.selu.disadvantages": "As garantias exigem entradas padronizadas, inicialização "
    "LeCun e nada de dropout comum.",
    "act.selu.main_use": "MLPs profundos simples, sem batch normalization",
    "act.swish.advantages": "Suave e não monotônica; muitas vezes um pouco melhor que a "
    "ReLU em redes profundas.",
    "act.swish.disadvantages": "Mais cara que a ReLU; o ganho é pequeno em redes rasas.",
    "act.swish.main_use": "Camadas ocultas de CNNs e MLPs profundos",
    "act.linear.advantages": "Deixa os valores como estão: a saída certa para regressão.",
    "act.linear.disadvantages": "Camadas lineares empilhadas se reduzem a uma única "
    "transformação linear: sem não linearidade, nada de profundo é aprendido.",
    "act.linear.main_use": "Camada de saída da regressão",
    # ------------------------------------------------------------------ data set registry
    "dataset.seed-random.label": "Rótulos aleatórios (os do notebook)",
    "dataset.seed-random.description": "20 atributos uniformes com rótulos de cara ou coroa: 1000 "
    "linhas de treino e 200 de teste, como no notebook. Não há nada para aprender (espere "
    "acurácia e AUC perto de 0,5).",
    "dataset.seed-random.param.n_samples": "Amostras",
    "dataset.seed-random.param.n_samples.help": "Número de linhas geradas (treino e teste juntos).",
    "dataset.seed-random.param.n_features": "Atributos",
    "dataset.seed-random.param.n_features.help": "Número de colunas de atributos aleatórios "
    "uniformes.",
    "dataset.classification.label": "Classificação sintética",
    "dataset.classification.description": "O make_classification do scikit-learn: atributos com "
    "sinal de verdade, alguns informativos, alguns redundantes.",
    "dataset.classification.param.n_samples": "Amostras",
    "dataset.classification.param.n_samples.help": "Número de linhas geradas (treino e teste "
    "juntos).",
    "dataset.classification.param.n_features": "Atributos",
    "dataset.classification.param.n_features.help": "Número de colunas de atributos.",
    "dataset.classification.param.n_classes": "Classes",
    "dataset.classification.param.n_classes.help": "Número de classes.",
    "dataset.classification.param.noise": "Ruído nos rótulos",
    "dataset.classification.param.noise.help": "Fração dos rótulos trocados ao acaso.",
    "dataset.moons.label": "Duas luas",
    "dataset.moons.description": "Dois semicírculos entrelaçados em 2-D: pede uma fronteira curva.",
    "dataset.moons.param.n_samples": "Amostras",
    "dataset.moons.param.n_samples.help": "Número de linhas geradas (treino e teste juntos).",
    "dataset.moons.param.noise": "Ruído",
    "dataset.moons.param.noise.help": "Desvio-padrão do ruído gaussiano somado aos pontos.",
    "dataset.circles.label": "Círculos",
    "dataset.circles.description": "Um anel em volta de um disco em 2-D: nenhuma reta os separa.",
    "dataset.circles.param.n_samples": "Amostras",
    "dataset.circles.param.n_samples.help": "Número de linhas geradas (treino e teste juntos).",
    "dataset.circles.param.noise": "Ruído",
    "dataset.circles.param.noise.help": "Desvio-padrão do ruído gaussiano somado aos pontos.",
    "dataset.xor.label": "XOR",
    "dataset.xor.description": "Quatro quadrantes, cantos opostos têm a mesma classe: o problema "
    "clássico que um único neurônio não resolve.",
    "dataset.xor.param.n_samples": "Amostras",
    "dataset.xor.param.n_samples.help": "Número de linhas geradas (treino e teste juntos).",
    "dataset.xor.param.noise": "Ruído",
    "dataset.xor.param.noise.help": "Desvio-padrão do ruído gaussiano somado aos pontos.",
    "dataset.spiral.label": "Espiral",
    "dataset.spiral.description": "Duas espirais entrelaçadas em 2-D: difícil, pede profundidade.",
    "dataset.spiral.param.n_samples": "Amostras",
    "dataset.spiral.param.n_samples.help": "Número de linhas geradas (treino e teste juntos).",
    "dataset.spiral.param.noise": "Ruído",
    "dataset.spiral.param.noise.help": "Desvio-padrão do ruído gaussiano somado aos pontos.",
    "dataset.gaussian.label": "Nuvens gaussianas",
    "dataset.gaussian.description": "Duas nuvens gaussianas em 2-D: quase linearmente separáveis.",
    "dataset.gaussian.param.n_samples": "Amostras",
    "dataset.gaussian.param.n_samples.help": "Número de linhas geradas (treino e teste juntos).",
    "dataset.gaussian.param.noise": "Ruído",
    "dataset.gaussian.param.noise.help": "Desvio-padrão de cada nuvem.",
    "dataset.breast-cancer.label": "Câncer de mama (Wisconsin)",
    "dataset.breast-cancer.description": "Conjunto de diagnóstico que vem com o scikit-learn: 569 "
    "tumores, 30 medidas, maligno ou benigno.",
    "dataset.iris.label": "Iris",
    "dataset.iris.description": "As 150 flores que vêm com o scikit-learn: 4 medidas, 3 espécies.",
    "dataset.wine.label": "Vinhos",
    "dataset.wine.description": "Os 178 vinhos que vêm com o scikit-learn: 13 medidas químicas, 3 "
    "cultivares.",
    "dataset.digits.label": "Dígitos",
    "dataset.digits.description": "Os 1.797 dígitos manuscritos que vêm com o scikit-learn, como "
    "intensidades de 8×8 pixels, 10 classes.",
    "dataset.pairs.label": "Pares (iguais ou diferentes)",
    "dataset.pairs.description": "Dois pontos de 10 atributos por linha (a0..a9, b0..b9); o "
    "rótulo diz se os dois vêm do mesmo agrupamento. Feito para redes siamesas.",
    "dataset.pairs.param.n_samples": "Amostras",
    "dataset.pairs.param.n_samples.help": "Número de linhas geradas (treino e teste juntos).",
    "dataset.pairs.param.noise": "Ruído",
    "dataset.pairs.param.noise.help": "Espalhamento dos pontos em volta do seu agrupamento.",
    "dataset.multi-task.label": "Dois alvos",
    "dataset.multi-task.description": "20 atributos e dois alvos: um 'label' binário e um 'value' "
    "contínuo. Feito para redes com duas saídas.",
    "dataset.multi-task.param.n_samples": "Amostras",
    "dataset.multi-task.param.n_samples.help": "Número de linhas geradas (treino e teste juntos).",
    "dataset.multi-task.param.noise": "Ruído",
    "dataset.multi-task.param.noise.help": "Ruído somado aos dois alvos.",
    "dataset.csv.label": "CSV enviado",
    "dataset.csv.description": "O seu próprio arquivo CSV: colunas numéricas de atributos e um "
    "alvo.",
    "dataset.csv.param.sha256": "Arquivo",
    "dataset.csv.param.sha256.help": "Hash do conteúdo do arquivo enviado.",
    "dataset.csv.param.target": "Coluna-alvo",
    "dataset.csv.param.target.help": "Coluna a prever.",
    "dataset.csv.param.task": "Tarefa",
    "dataset.csv.param.task.help": "auto, binary, multiclass ou regression.",
    # ------------------------------------------------------------------ preset registry
    "preset.seed.label": "Rede do notebook",
    "preset.seed.description": "A rede do notebook: Input(20) → Dense(64, relu) → "
    "Dense(64, relu) → Dense(1, sigmoid), 10 épocas com lote de 32 sobre rótulos "
    "aleatórios.",
    "preset.deep.label": "MLP profundo",
    "preset.deep.description": "Cinco camadas ocultas de 32 neurônios ReLU aprendendo o "
    "problema das duas espirais.",
    "preset.residual.label": "Residual",
    "preset.residual.description": "Dois blocos residuais: a entrada de cada bloco é somada "
    "à sua saída (conexões residuais, como nas ResNets).",
    "preset.wide-deep.label": "Larga e profunda",
    "preset.wide-deep.description": "Duas entradas sobre grupos diferentes de atributos: "
    "uma vai direto para a saída, a outra passa por duas camadas; os ramos são "
    "concatenados.",
    "preset.siamese.label": "Siamesa",
    "preset.siamese.description": "Uma mesma torre compartilhada aplicada a duas entradas "
    "(os mesmos pesos) e depois comparada: o par vem do mesmo agrupamento?",
    "preset.multi-output.label": "Várias saídas",
    "preset.multi-output.description": "Um tronco compartilhado com duas saídas: um rótulo "
    "binário (entropia cruzada) e um valor contínuo (erro quadrático médio, peso 0,5).",
}
"""Brazilian Portuguese texts by id."""
