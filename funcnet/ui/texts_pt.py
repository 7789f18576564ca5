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
    "nav.lessons": "Lições",
    "nav.compare": "Comparar treinos",
    "nav.teacher": "Para professores",
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
    "home.class_start": "Abrir a configuração da turma",
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
    "live.running_estimating": "Época {epoch} de {epochs} · {elapsed} até agora · estimando o "
    "tempo restante…",
    "live.unavailable": "O treino está temporariamente indisponível: os processos de treino "
    "não conseguiram iniciar. O servidor tenta de novo em {seconds} s.",
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
    # ------------------------------------------------------------------ lessons
    # (keys of lessons go here)
    "lessons.class_setup_unfit": "A configuração desta turma não é uma pilha "
    "simples de camadas densas sobre rótulos aleatórios, então os sete passos não a percorrem. "
    "Foi o professor quem a fixou: explore-a nas outras páginas.",
    "lessons.title": "Lições",
    "lessons.intro": "Duas lições guiadas a partir do notebook didático, no próprio painel: "
    "monte a rede dele passo a passo e depois veja por que rótulos aleatórios não podem ser "
    "aprendidos.",
    "lessons.pick": "Lição",
    "lessons.pick.steps": "1 · O notebook em sete passos",
    "lessons.pick.noise": "2 · Uma rede consegue aprender ruído?",
    "lessons.step_heading": "Passo {step} de {total} · {title}",
    "lessons.back": "Voltar",
    "lessons.next": "Avançar",
    "lessons.step.input.title": "Definir a entrada",
    "lessons.step.input.body": "Toda rede começa dizendo como é um exemplo. "
    "`Input(shape=(20,))` declara que cada exemplo é um vetor de 20 números; quantos "
    "exemplos chegam de uma vez fica em aberto, e por isso o Keras escreve a forma como "
    "`(None, 20)`. Um `Input` não tem pesos: é o ponto de partida sobre o qual as camadas "
    "seguintes são chamadas, e a API funcional depois monta o modelo seguindo essas "
    "chamadas a partir daqui. A largura precisa bater com as colunas dos dados — o conjunto "
    "de rótulos aleatórios gera tantas variáveis uniformes quantas você escolher abaixo.",
    "lessons.step.hidden.title": "Adicionar camadas ocultas",
    "lessons.step.hidden.body": "Uma camada oculta como `Dense(64, activation=\"relu\")` "
    "calcula 64 somas ponderadas de tudo o que recebe, soma um viés a cada uma e passa o "
    "resultado pela função de ativação. Na API funcional você *chama* a camada sobre o "
    "tensor anterior — `(inputs)`, depois `(x)` — e assim o código mostra por onde os dados "
    "passam. Sem uma ativação não linear, uma pilha de camadas se reduz a uma única "
    "transformação linear: a ReLU, `max(0, x)`, é a escolha padrão, a tanh é centrada em "
    "zero, e a Leaky ReLU e a ELU mantêm uma inclinação abaixo de zero para que nenhum "
    "neurônio morra. Mais camadas e neurônios dão mais capacidade à rede — inclusive para "
    "decorar.",
    "lessons.step.output.title": "A camada de saída",
    "lessons.step.output.body": "A camada de saída dá a resposta final, então o tamanho e a "
    "ativação dela dependem da pergunta. Aqui o alvo é sim ou não (classe 1 ou 0): basta um "
    "neurônio, e a sigmoide espreme o valor dele no intervalo (0, 1), que se lê como a "
    "probabilidade da classe 1. A entropia cruzada binária, definida no passo 5, avalia "
    "justamente uma probabilidade assim: uma resposta errada com muita confiança custa caro, "
    "uma hesitante custa pouco. Um limiar de 0,5 transforma então a probabilidade em classe. "
    "Escolha outra ativação para ver o que dá errado.",
    "lessons.step.model.title": "Criar o modelo",
    "lessons.step.model.body": "`Model(inputs=inputs, outputs=outputs)` amarra o grafo: o "
    "Keras percorre o caminho da saída de volta até a entrada e recolhe cada camada no "
    "trajeto. Essa é a ideia central da API funcional — a mesma chamada aceita várias "
    "entradas ou saídas, camadas compartilhadas e conexões residuais. `model.summary()` "
    "lista as camadas e seus parâmetros: uma camada `Dense` com *n* entradas e *u* "
    "neurônios tem *n* × *u* pesos mais *u* vieses. A tabela abaixo é calculada a partir "
    "da sua rede, antes de qualquer treino.",
    "lessons.step.compile.title": "Compilar",
    "lessons.step.compile.body": "`compile` define como o modelo vai aprender. A *perda* "
    "mede o quanto uma previsão está errada (entropia cruzada binária para um alvo sim/não), "
    "o *otimizador* decide como os pesos se movem para reduzi-la, e as *métricas* são apenas "
    "relatadas, nunca otimizadas — aqui, a acurácia. O Adam ajusta o passo de cada peso e é "
    "uma escolha segura; o SGD puro dá o mesmo passo em toda parte e costuma pedir uma taxa "
    "de aprendizado maior; o RMSprop fica no meio. A taxa de aprendizado define o tamanho "
    "dos passos: pequena demais e o treino se arrasta, grande demais e a perda oscila ou "
    "explode.",
    "lessons.step.fit.title": "Treinar",
    "lessons.step.fit.body": "`fit` mostra as linhas de treino à rede repetidas vezes. Uma "
    "*época* é uma passada por todas elas; cada passada é dividida em *lotes*, e depois de "
    "cada lote o otimizador atualiza os pesos uma vez. `validation_split` separa uma parte "
    "das linhas de treino com a qual a rede nunca treina: a curva delas mostra se o que a "
    "rede aprende vale para linhas que ela não viu. Clique em Treinar e acompanhe as duas "
    "curvas; o treino continua se você for para outro passo enquanto isso.",
    "lessons.step.evaluate.title": "Avaliar",
    "lessons.step.evaluate.body": "`evaluate` mede o modelo treinado nas linhas de teste, "
    "que não participaram do treino: a única estimativa honesta de como ele vai se sair com "
    "dados novos. A *acurácia* é a fração de linhas de teste colocadas na classe certa com o "
    "limiar de 0,5. A *AUC* (área sob a curva ROC) pergunta, em todos os limiares, quão bem "
    "as pontuações ordenam as linhas da classe 1 acima das da classe 0: 1,0 é perfeito, 0,5 "
    "é cara ou coroa. A matriz de confusão conta acertos e erros por classe.",
    "lessons.replaced": "A lição 1 segue o notebook, então precisa de uma pilha simples com "
    "uma saída sim/não no conjunto de rótulos aleatórios. Sua configuração ({params} "
    "parâmetros em {data}) não era assim, por isso a rede do notebook foi carregada, e "
    "Montar e treinar agora também a mostra. Este aviso some quando você muda de passo.",
    "lessons.choice_error": "Essa escolha não pode ser usada: {message} A configuração "
    "anterior foi mantida.",
    "lessons.restore": "Trazer minha configuração de volta",
    "lessons.code_header": "O código até aqui",
    "lessons.code_marker": "passo {step}",
    "lessons.code_caption": "O passo {step} acrescenta as {new} linhas marcadas; {total} "
    "linhas no total. O código acompanha suas escolhas e roda do jeito que está.",
    "lessons.code_caption_one": "O passo {step} acrescenta a linha marcada; {total} linhas no "
    "total. O código acompanha suas escolhas e roda do jeito que está.",
    "lessons.features": "Largura da entrada (variáveis)",
    "lessons.features_help": "Quantas colunas de variáveis aleatórias uniformes o conjunto "
    "de rótulos aleatórios gera; o notebook usa 20.",
    "lessons.layers": "Camadas ocultas",
    "lessons.layer_name": "Camada {index}",
    "lessons.units": "Neurônios",
    "lessons.activation": "Ativação",
    "lessons.units_of": "Neurônios da camada {index}",
    "lessons.activation_of": "Ativação da camada {index}",
    "lessons.to_activations": "Compare funções de ativação na página Ativações",
    "lessons.output_activation": "Ativação da saída",
    "lessons.output_activation_help": "A ativação do único neurônio de saída; sigmoide para "
    "um alvo sim/não.",
    "lessons.output_sigmoid": "A sigmoide é a escolha certa aqui: a saída dela fica "
    "estritamente entre 0 e 1, que é o que a entropia cruzada binária espera — uma "
    "probabilidade da classe 1.",
    "lessons.output_softmax": "A softmax faz as saídas de uma camada somarem 1, então com "
    "um único neurônio ela sempre devolve 1,0: todas as linhas recebem a mesma pontuação, a "
    "rede não consegue aprender e a AUC fica exatamente em 0,5. A softmax serve para uma "
    "camada com um neurônio por classe.",
    "lessons.output_other": "{activation} devolve valores em ${range}$, não uma "
    "probabilidade. O Keras recorta a previsão para (0, 1) antes de calcular a entropia "
    "cruzada binária, e saídas além de 0 ou 1 ficam sem gradiente: o treino empaca ou "
    "oscila. Treine assim no passo 6 e compare com a sigmoide.",
    "lessons.params_input": "sem pesos: só fixa a forma",
    "lessons.params_formula": "{inputs} × {units} pesos + {units} vieses",
    "lessons.col_layer": "Camada",
    "lessons.col_shape": "Forma da saída",
    "lessons.col_params": "Parâmetros",
    "lessons.col_how": "Como são contados",
    "lessons.total_params": "Total de parâmetros",
    "lessons.optimizer": "Otimizador",
    "lessons.learning_rate": "Taxa de aprendizado",
    "lessons.learning_rate_help": "O tamanho do passo do otimizador; 0,001 é o valor usual "
    "do Adam.",
    "lessons.epochs": "Épocas",
    "lessons.batch_size": "Tamanho do lote",
    "lessons.validation_split": "Fração de validação",
    "lessons.validation_split_help": "Fração das linhas de treino separada para testar a "
    "rede em linhas com as quais ela não treina.",
    "lessons.fit_caption": "{rows} linhas de treino: {fit_rows} para treinar, o resto para "
    "validar. Isso dá {steps} atualizações de pesos por época, ao longo de {epochs} épocas.",
    "lessons.train": "Treinar",
    "lessons.still_training": "O treino iniciado no passo 6 ainda está rodando; os "
    "resultados de teste aparecem aqui quando ele terminar.",
    "lessons.no_run": "Nada foi treinado nesta sessão ainda: volte ao passo 6 e clique em "
    "Treinar.",
    "lessons.back_to_fit": "Voltar ao passo 6",
    "lessons.other_run": "Estes são os resultados do seu último treino ({data}, {params} "
    "parâmetros), não da rede acima: treine de novo no passo 6 para ver a atual.",
    "lessons.end_header": "O que os números dizem",
    "lessons.end.not_binary": "Seu último treino não foi um classificador sim/não de saída "
    "única, então a leitura de acurácia e AUC desta lição não se aplica: treine a rede da "
    "lição no passo 6.",
    "lessons.end.scores": "Nas {rows} linhas de teste que nunca viu, sua rede tem acurácia "
    "de {accuracy} e AUC de {auc}.",
    "lessons.end.random_chance": "As duas estão dentro da faixa em que cai um cara ou coroa "
    "com esse número de linhas (0,5 ± {band} para a acurácia, ± {auc_band} para a AUC): a "
    "rede está chutando. Esse é o resultado honesto aqui, porque os rótulos foram sorteados, "
    "sem relação com as variáveis — não há regra a descobrir, e nenhuma rede, por maior que "
    "seja ou por mais que treine, consegue fazer melhor com linhas novas.",
    "lessons.end.random_lucky": "Isso está mais longe de 0,5 do que um cara ou coroa "
    "costuma cair com esse número de linhas (± {band} para a acurácia, ± {auc_band} para a "
    "AUC). Mas os rótulos foram sorteados, sem relação com as variáveis, então é sorte (ou "
    "azar) na escolha das linhas de teste, não aprendizado: outra semente de dados o traz de "
    "volta para perto de 0,5.",
    "lessons.end.memorised": "Enquanto isso, a acurácia nas linhas de treino chegou a "
    "{train}, contra {val} nas linhas de validação: essa diferença é memorização — a rede "
    "decorou as linhas de treino, o que não diz nada sobre linhas novas.",
    "lessons.end.not_memorised": "A acurácia nas linhas de treino terminou em {train} "
    "(validação: {val}), então ela ainda decorou pouco; com mais épocas ela decoraria as "
    "linhas de treino e continuaria sem acertar mais em linhas novas.",
    "lessons.end.no_validation": "A acurácia nas linhas de treino terminou em {train}; sem "
    "fração de validação não há curva mostrando o pouco disso que vale para linhas novas.",
    "lessons.end.next": "A lição 2 treina esta rede com rótulos aleatórios e com dados que "
    "têm sinal de verdade, lado a lado.",
    "lessons.end.signal_learned": "Isso está bem acima do 0,5 de um cara ou coroa: as "
    "variáveis de {data} trazem informação sobre o rótulo, e a rede a encontrou.",
    "lessons.end.signal_weak": "Isso não está muito acima do 0,5 de um cara ou coroa: em "
    "{data} a rede achou pouco que sirva para linhas novas. Tente mais épocas ou outras "
    "escolhas.",
    "lessons.to_noise": "Próxima lição: uma rede consegue aprender ruído?",
    "lessons.noise.header": "Uma rede consegue aprender ruído?",
    "lessons.noise.body": "O conjunto de dados do notebook tem *rótulos aleatórios*: o "
    "rótulo de cada linha é um cara ou coroa, sorteado sem relação com as variáveis. Mesmo "
    "assim a rede consegue se ajustar às linhas de treino — com pesos suficientes, ela "
    "simplesmente lembra qual linha tinha qual rótulo —, mas nada disso vale para linhas "
    "novas, cujo sorteio ela não tem como conhecer. O botão abaixo treina a rede do notebook "
    "duas vezes ao mesmo tempo, com as mesmas épocas e a mesma semente: nos rótulos "
    "aleatórios e num conjunto de mesmo formato cujos rótulos dependem, sim, das variáveis. "
    "Observe as curvas tracejadas de validação: no ruído ela fica perto de 0,5 enquanto a "
    "curva de treino sobe.",
    "lessons.noise.epochs": "Épocas (nos dois treinos)",
    "lessons.noise.epochs_help": "Mais épocas dão tempo à rede para decorar os rótulos "
    "aleatórios; a acurácia de validação não acompanha.",
    "lessons.noise.start": "Treinar os dois",
    "lessons.noise.caption": "Mesma rede ({params} parâmetros), mesmas épocas, mesmo "
    "tamanho de lote e mesma semente: {noise} contra {signal}, cada um com {train} linhas de "
    "treino e {test} de teste, de {features} variáveis.",
    "lessons.noise.stop": "Parar os dois",
    "lessons.noise.run_noise": "No ruído · {data}",
    "lessons.noise.run_signal": "No sinal · {data}",
    "lessons.noise.curve_title": "Acurácia por época",
    "lessons.noise.test_accuracy": "Acurácia no teste",
    "lessons.noise.test_auc": "AUC no teste",
    "lessons.noise.end_header": "Conclusão",
    "lessons.noise.end_coin": "Com rótulos aleatórios a AUC de teste é {noise_auc} e a "
    "acurácia {noise_accuracy}: nada melhor que um cara ou coroa, que em {noise_rows} linhas "
    "de teste cai dentro de 0,5 ± {noise_auc_band}.",
    "lessons.noise.end_lucky": "Com rótulos aleatórios a AUC de teste é {noise_auc} e a "
    "acurácia {noise_accuracy}: um pouco mais longe de 0,5 do que um cara ou coroa costuma "
    "cair em {noise_rows} linhas, mas com rótulos sorteados isso é sorte na escolha das "
    "linhas de teste, não aprendizado.",
    "lessons.noise.end_memorised": "Mesmo assim, a acurácia de treino subiu até "
    "{noise_train} enquanto a de validação ficou em {noise_val}: a rede decorou as linhas de "
    "treino.",
    "lessons.noise.end_not_memorised": "A acurácia de treino só chegou a {noise_train} "
    "(validação: {noise_val}); com mais épocas a rede decoraria as linhas de treino — sem "
    "ganho nenhum em linhas novas.",
    "lessons.noise.end_signal": "Em {data} a mesma rede chega a uma AUC de teste de "
    "{signal_auc} e acurácia de {signal_accuracy}: ali as variáveis carregam o rótulo, então "
    "o que ela aprende nas linhas de treino vale para linhas novas.",
    "lessons.noise.end_signal_weak": "Em {data} a AUC de teste é só {signal_auc}: com tão "
    "poucas épocas a rede ainda não encontrou boa parte do sinal; tente mais épocas.",
    "lessons.noise.end_moral": "Mesma rede, mesmo treino: toda a diferença está nos dados. "
    "Uma rede só consegue aprender o que os dados contêm.",
    # ------------------------------------------------------------------ teacher links
    # (keys of teacher links go here)
    "class.group.data": "Dados",
    "class.group.network": "Rede",
    "class.group.training": "Treino",
    "class.group.files": "Resultados, arquivos e compartilhamento",
    "class.control.dataset": "Escolha do conjunto de dados e seus parâmetros",
    "class.control.csv_upload": "Envio de CSV",
    "class.control.preset": "Seletor de modelos prontos",
    "class.control.layers": "Número de camadas ocultas",
    "class.control.units": "Unidades por camada",
    "class.control.activations": "Ativações ocultas",
    "class.control.dropout": "Dropout",
    "class.control.output_head": "Saída (alvo, ativação, perda)",
    "class.control.node_table": "Tabela de nós (Arquitetura)",
    "class.control.activation_compare": "Comparar ativações na minha rede",
    "class.control.optimizer": "Otimizador",
    "class.control.learning_rate": "Taxa de aprendizado",
    "class.control.epochs": "Épocas",
    "class.control.batch_size": "Tamanho do lote",
    "class.control.validation_split": "Fração de validação",
    "class.control.seeds": "Sementes (dados e treino)",
    "class.control.code_export": "Exportar código",
    "class.control.setup_files": "Arquivos de configuração (baixar e enviar)",
    "class.control.model_download": "Baixar o modelo treinado",
    "class.control.threshold": "Limiar de decisão (Avaliar)",
    "class.control.share_link": "Link de compartilhamento",
    "class.error.incomplete": "O link da turma está incompleto — provavelmente foi cortado "
    "ao ser copiado.",
    "class.error.changed": "O link da turma foi alterado depois que o professor o criou.",
    "class.error.damaged": "O link da turma está danificado e não pode ser lido.",
    "class.error.too_long": "O link da turma é muito mais longo do que qualquer link de "
    "professor.",
    "class.error.version": "O link da turma foi criado por outra versão do funcnet.",
    "class.error.invalid": "O link da turma traz configurações que o funcnet não aceita.",
    "class.error.with_detail": "{reason} ({detail})",
    "class.bad_link": "{message} As configurações da turma foram ignoradas: todas as páginas "
    "e controles aparecem. Peça o link de novo ao seu professor.",
    "class.page_hidden": "Seu professor ocultou esta página para a turma.",
    "class.to_home": "Voltar ao Início",
    "class.goal": "atingir {metric} ≥ {minimum}",
    "class.goal_params": "atingir {metric} ≥ {minimum} com no máximo {params} parâmetros",
    "class.attempt": "{metric} {score} com {params} parâmetros",
    "class.message": "**Recado do seu professor:** {message}",
    "class.banner_goal": "**Desafio da turma:** {goal}. Treine uma rede para tentar!",
    "class.banner_best": "**Desafio da turma:** {goal}. Seu melhor até agora: "
    "{attempt}{limit}.",
    "class.over_limit": " (acima do limite de parâmetros)",
    "class.banner_met": "**Desafio da turma cumprido!** Meta: {goal}. Seu melhor: {attempt}.",
    "class.regression": "Esta rede prevê números (regressão), então não tem {metric} e não "
    "pode cumprir o desafio da turma. Escolha um conjunto de dados de classificação.",
    "class.met": "Desafio cumprido: {attempt}",
    "class.not_met": "Ainda não: {attempt}. A meta é {goal}.",
    "class.not_met_params": "Desta vez não: {attempt} — mais do que os {limit} parâmetros "
    "que o desafio permite. Tente uma rede menor.",
    "teacher.title": "Para professores",
    "teacher.intro": "Crie um **link da turma**: ele abre o funcnet com a sua configuração "
    "atual, sem as páginas e controles que você escolher ocultar, e pode propor um desafio "
    "que a página confere e comemora.",
    "teacher.honest": "Um apoio para a aula, não um controle de acesso: o aluno que apagar a "
    "parte da turma do endereço volta a ver tudo.",
    "teacher.setup_header": "1 · A configuração com que a turma começa",
    "teacher.setup_line": "**{data}**, uma rede de {params} parâmetros, {optimizer} com "
    "taxa de aprendizado {rate}, {epochs} épocas com lotes de {batch}.",
    "teacher.setup_caption": "Esta é a sua configuração atual. Os controles ocultos mantêm "
    "exatamente estes valores para a turma.",
    "teacher.to_build": "Alterar em Montar e treinar",
    "teacher.hide_header": "2 · O que ocultar",
    "teacher.pages": "Páginas",
    "teacher.pages_help": "O Início sempre fica, e esta página nunca aparece num link da "
    "turma.",
    "teacher.controls": "Controles",
    "teacher.hide_caption": "Carregar um modelo pronto ou um arquivo de configuração troca a "
    "configuração inteira, inclusive o que está oculto, e a tabela de nós da Arquitetura "
    "muda qualquer camada: oculte-os também para manter seus valores fixos.",
    "teacher.challenge_header": "3 · Um desafio (opcional)",
    "teacher.challenge_on": "Propor um desafio",
    "teacher.challenge_off": "Por exemplo: atingir AUC ≥ 0,90 com no máximo 2.000 "
    "parâmetros.",
    "teacher.metric": "Métrica de teste",
    "teacher.minimum": "No mínimo",
    "teacher.max_params": "No máximo parâmetros",
    "teacher.max_params_help": "0 significa sem limite. Sua rede atual tem {params} "
    "parâmetros.",
    "teacher.challenge_regression": "Sua configuração atual é uma regressão: não tem acurácia "
    "nem AUC, então os alunos não conseguem cumprir este desafio com ela. Escolha um "
    "conjunto de dados de classificação em Montar e treinar.",
    "teacher.class_header": "4 · A turma",
    "teacher.board_on": "Compartilhar um quadro de treinos com a turma",
    "teacher.board_help": "Os treinos concluídos dos alunos vão então para um quadro que a "
    "turma inteira vê em Comparar treinos, em vez de cada navegador guardar os seus.",
    "teacher.board": "Nome do quadro",
    "teacher.board_placeholder": "ex.: Turma 3B",
    "teacher.board_empty": "Dê um nome ao quadro para compartilhá-lo.",
    "teacher.board_named": "O quadro da turma é **{board}**: o funcnet acrescenta um final "
    "aleatório para que outra turma neste servidor que escolha o mesmo nome tenha o seu próprio "
    "quadro. Para reaproveitar o quadro de um link anterior, digite o nome completo com o final.",
    "teacher.message": "Recado para a turma",
    "teacher.message_placeholder": "ex.: Tentem superar o notebook com menos parâmetros!",
    "teacher.invalid": "Não é possível criar este link da turma: {message}",
    "teacher.link_header": "Seu link da turma",
    "teacher.link_intro": "Copie este link para os alunos (o botão no canto superior direito "
    "da caixa copia):",
    "teacher.preview": "Abrir como aluno",
    "teacher.students_header": "O que os alunos vão ver",
    "teacher.sees_all": "Os alunos veem todas as páginas e controles, a partir da sua "
    "configuração.",
    "teacher.sees_hidden": "Os alunos começam da sua configuração e não veem: {hidden}.",
    "teacher.sees_challenge": "Todas as páginas mostram o desafio — {goal} — e um treino que "
    "o cumpre é comemorado.",
    "teacher.sees_no_challenge": "Não há desafio: eles exploram livremente.",
    "teacher.sees_board": "Os treinos concluídos vão para o quadro compartilhado “{board}”.",
    "teacher.sees_message": "Seu recado aparece no alto de todas as páginas.",
    # ------------------------------------------------------------------ runs and compare
    # (keys of runs and compare go here)
    "compare.title": "Comparar treinos",
    "compare.intro": "Cada treino que você termina neste navegador fica guardado aqui, com "
    "a configuração, as curvas e os resultados de teste — mesmo depois de recarregar a "
    "página ou reiniciar o servidor. Escolha treinos abaixo para sobrepor as curvas.",
    "compare.class_board": "Quadro da turma **{name}**: aparecem aqui os treinos de todos que "
    "abriram o link do professor. Os autores aparecem como códigos anônimos; os seus "
    "aparecem como *você*.",
    "compare.store_error": "Os treinos guardados não podem ser lidos agora. O treino continua "
    "funcionando, mas os treinos terminados podem não ser guardados. Se isso continuar, avise "
    "quem cuida deste funcnet.",
    "compare.record_error": "O último treino não pôde ser guardado para comparação: os "
    "treinos guardados não podem ser gravados agora.",
    "compare.skipped": "{n} treino(s) guardado(s) não puderam ser lidos e não aparecem.",
    "compare.empty": "Ainda não há treinos. Cada treino que você termina fica guardado aqui, "
    "para pôr dois lado a lado: treine um em Montar e treinar, mude uma configuração, "
    "treine de novo e volte.",
    "compare.to_build": "Ir para Montar e treinar",
    "compare.table_header": "Todos os treinos ({n})",
    "compare.table_caption_diff": "Em destaque: as configurações que mudam entre os treinos "
    "({columns}). Clique no cabeçalho de uma coluna para ordenar.",
    "compare.table_caption_same": "Todos os treinos têm as mesmas configurações. Clique no "
    "cabeçalho de uma coluna para ordenar.",
    "compare.table_caption_one": "Treine de novo com outra configuração para ter o que "
    "comparar. Clique no cabeçalho de uma coluna para ordenar.",
    "compare.csv": "Baixar todos os treinos (CSV)",
    "compare.csv_help": "Uma linha por treino: configurações, métricas de teste e a "
    "configuração completa em JSON.",
    "compare.compare_header": "Lado a lado",
    "compare.chosen": "Treinos a comparar",
    "compare.chosen_help": "Os dois mais recentes vêm escolhidos ao abrir a página; "
    "acrescente ou tire treinos aqui, até {n} de cada vez. O primeiro é a referência para "
    "as diferenças.",
    "compare.choose_some": "Escolha pelo menos um treino para ver as curvas.",
    "compare.run_label": "Treino {number}",
    "compare.run_option": "{run} · {when} · {data} · {network}",
    "compare.loss_title": "Perda dos treinos escolhidos",
    "compare.roc_title": "Curvas ROC dos treinos escolhidos",
    "compare.curves_caption": "Linha cheia: treino; tracejada: validação. Cada treino tem a "
    "mesma cor nos dois gráficos.",
    "compare.no_history": "Sem curva, nenhuma época terminada: {runs}.",
    "compare.no_roc": "Sem curva ROC: nenhum dos treinos escolhidos tem um classificador "
    "como primeira saída, com previsões de teste.",
    "compare.roc_skipped": "Sem curva ROC para {runs} (não é classificador, ou não há "
    "previsões de teste).",
    "compare.predictions_dropped": "As previsões de teste de {runs} eram grandes demais para "
    "guardar: sem curva ROC nem gráficos de avaliação para eles; os números nas tabelas "
    "continuam.",
    "compare.roc_macro": "Com várias classes, a curva de um treino é a média macro das curvas "
    "um-contra-todos; a AUC é a média das AUCs por classe, como na tabela.",
    "compare.metrics_header": "Métricas de teste dos treinos escolhidos",
    "compare.metrics_caption": "Entre parênteses: a diferença para {run}, o primeiro "
    "escolhido. Menor é melhor para {lower}; maior para as outras.",
    "compare.actions_header": "Os treinos escolhidos",
    "compare.run_line": "**{run}** · {when} · {data} · {network} · {status}, {epochs} de "
    "{total} épocas",
    "compare.load": "Abrir em Montar e treinar",
    "compare.load_help": "Substitui a configuração atual pela deste treino.",
    "compare.load_failed": "A configuração deste treino não pode ser aberta aqui: {message}",
    "compare.delete": "Apagar os escolhidos",
    "compare.delete_confirm": "Apagar {n} treino(s): {runs}? Não dá para desfazer.",
    "compare.delete_others": "Os treinos de outras pessoas no quadro da turma não são "
    "apagados.",
    "compare.delete_button": "Apagar",
    "compare.delete_none": "Nenhum dos treinos escolhidos é seu para apagar.",
    "compare.you": "você",
    "compare.col.run": "Treino",
    "compare.col.created_at": "Terminado",
    "compare.col.author": "Autor",
    "compare.col.data": "Conjunto de dados",
    "compare.col.network": "Camadas ocultas",
    "compare.col.params": "Parâmetros",
    "compare.col.optimizer": "Otimizador",
    "compare.col.learning_rate": "Taxa de aprendizado",
    "compare.col.epochs": "Épocas",
    "compare.col.batch_size": "Lote",
    "compare.col.validation_split": "Parte de validação",
    "compare.col.seed": "Semente",
    "compare.col.status": "Estado",
    "compare.col.epochs_run": "Épocas feitas",
    "compare.col.elapsed": "Tempo",
    "chart.training_curve": "Curva de treino",
    "chart.validation_curve": "Curva de validação",
    # ------------------------------------------------------------------ report
    # (keys of report go here)
    "report.html_lang": "pt-BR",
    "report.download": "Baixar relatório (HTML)",
    "report.download_help": "Um arquivo HTML com a configuração, as métricas de teste, as "
    "curvas e os gráficos interativos e o código Keras. Abre em qualquer navegador, "
    "também sem internet.",
    "report.build_failed": "Não foi possível gerar o relatório: {message}",
    "report.title": "Treino funcnet · {data} · {date}",
    "report.status_completed": "{epochs} épocas em {elapsed}.",
    "report.status_stopped": "Parado na época {epoch} de {epochs}.",
    "report.status_failed": "Falhou após {epoch} de {epochs} épocas.",
    "report.reason": "Motivo: {message}",
    "report.summary": "{params} parâmetros · {heads} saída(s) · {epochs} épocas previstas",
    "report.kicker": "Relatório de treino",
    "report.percent": "{value} %",
    "report.setup_header": "Configuração",
    "report.data_header": "Dados",
    "report.dataset": "Conjunto de dados",
    "report.test_fraction": "Fração de teste",
    "report.data_seed": "Semente dos dados",
    "report.training_header": "Treino",
    "report.optimizer": "Otimizador",
    "report.learning_rate": "Taxa de aprendizado",
    "report.epochs": "Épocas",
    "report.batch_size": "Tamanho do lote",
    "report.validation_split": "Fração de validação",
    "report.train_seed": "Semente do treino",
    "report.head_loss": "Perda de {head}",
    "report.weighted_loss": "{loss} × {weight}",
    "report.network_header": "Rede",
    "report.col_node": "Nó",
    "report.col_type": "Tipo",
    "report.col_units": "Unidades",
    "report.col_activation": "Ativação",
    "report.col_inputs": "Entradas",
    "report.col_params": "Parâmetros",
    "report.total_params": "Total de parâmetros",
    "report.head_type": "saída: {task} → {target}",
    "report.dropout": "dropout {rate}",
    "report.batch_norm": "normalização em lote",
    "report.shared": "(uma camada compartilhada)",
    "report.columns": "{count} colunas: {names}",
    "report.metrics_header": "Métricas de teste",
    "report.test_rows": "Em {n} linhas de teste que a rede nunca viu.",
    "report.total_loss": "Perda total de teste",
    "report.head": "Saída {head} · {task}, prevê {target}",
    "report.no_heads": "Este treino não deixou previsões de teste: sem métricas de teste "
    "nem gráficos de avaliação.",
    "report.predictions_dropped": "As previsões de teste deste treino eram grandes demais "
    "para guardar, então este relatório não tem métricas de teste por saída nem gráficos "
    "de avaliação.",
    "report.curves_header": "Curvas de treino",
    "report.curves_caption": "Contínua: linhas de treino; tracejada: linhas de validação, "
    "separadas do treino. Passe o mouse para ver valores, arraste para ampliar, clique "
    "duas vezes para voltar.",
    "report.no_history": "Nenhuma época terminou, então não há curvas.",
    "report.eval_header": "Avaliação no conjunto de teste",
    "report.roc_title": "Curva ROC · {head}",
    "report.confusion_title": "Matriz de confusão · {head}",
    "report.confusion_title_threshold": "Matriz de confusão · {head} (limiar {threshold})",
    "report.predicted_title": "Previsto vs verdadeiro · {target}",
    "report.report_header": "Relatório de classificação",
    "report.col_class": "Classe",
    "report.col_precision": "Precisão",
    "report.col_recall": "Revocação",
    "report.col_f1": "F1",
    "report.col_support": "Suporte",
    "report.chart_failed": "Esta parte não pôde ser desenhada: {message}",
    "report.code_header": "Código Keras",
    "report.code_caption": "O script exato deste treino (API funcional do Keras): mesmos "
    "dados, divisão, nomes de camadas, pesos iniciais e configurações de treino. Salve-o "
    "como arquivo .py e execute-o.",
    "report.code_failed": "Não foi possível gerar o código: {message}",
    "report.json_summary": "Arquivo de configuração (JSON)",
    "report.json_caption": "Carregue-o na página Arquitetura, ou use-o com "
    "python -m funcnet train --spec, para treinar esta configuração de novo.",
    "report.footer": "Feito com funcnet, um painel para a API funcional do Keras.",
    "report.generated": "A data no título é quando o treino terminou; este relatório foi "
    "feito em {date}.",
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
    # ------------------------------------------------------------------ core messages
    # (error.<code>: funcnet.messages.MESSAGES in Portuguese; same fields)
    "error.where.node": "Nó {node!r}",
    "error.where.node_unnamed": "Nó",
    "error.where.model": "Modelo",
    "error.where.training": "Treino",
    "error.where.data": "Dados",
    "error.where.setup": "Configuração",
    "error.where.run_options": "Opções da execução",
    "error.where.file": "O arquivo {filename!r}",
    "error.where.file_unnamed": "O arquivo",
    "error.where.setup_file": "O arquivo de configuração",
    "error.where.link_setup": "A configuração deste link",
    "error.spec.int_range": "{where}: o campo '{field}' deve ser um inteiro entre {low:,} e "
    "{high:,}; recebido {value!r}.",
    "error.spec.number_range": "{where}: o campo '{field}' deve ser um número em "
    "{left}{low:g}; {high:g}{right}; recebido {value!r}.",
    "error.spec.name": "{where}: o campo 'name' deve ser um identificador no estilo Python com "
    "no máximo {max_length} caracteres (letras, dígitos e sublinhados, começando por uma "
    "letra); recebido {value!r}.",
    "error.spec.not_object": "{where}: esperava um objeto JSON; recebido {type}.",
    "error.spec.unknown_keys": "{where}: chave(s) desconhecida(s) {unknown}; as chaves "
    "permitidas são {allowed}.",
    "error.spec.name_list": "{where}: o campo '{field}' deve ser uma lista de nomes; "
    "recebido {value!r}.",
    "error.spec.one_of": "{where}: o campo '{field}' deve ser um destes: {options}; "
    "recebido {value!r}.",
    "error.spec.merge_needs_inputs": "{where}: o campo 'inputs' de um nó '{type}' deve "
    "indicar nós; recebido [].",
    "error.spec.layer_needs_input": "{where}: o campo 'inputs' de um nó '{type}' deve "
    "indicar um nó; recebido [].",
    "error.spec.input_has_inputs": "{where}: o campo 'inputs' deve ficar vazio em um nó de "
    "entrada; recebido {value!r}.",
    "error.spec.columns_count": "{where}: o campo 'columns' deve listar de 1 a {max_columns} "
    "colunas de atributos; recebido {value!r}.",
    "error.spec.columns_repeat": "{where}: o campo 'columns' não pode repetir uma coluna; "
    "recebido {value!r}.",
    "error.spec.unknown_activation": "{where}: função de ativação desconhecida: {value!r}. "
    "Ativações conhecidas: {known}.",
    "error.spec.batch_norm": "{where}: o campo 'batch_norm' deve ser verdadeiro ou falso; "
    "recebido {value!r}.",
    "error.spec.output_one_input": "{where}: o campo 'inputs' de um nó de saída deve indicar "
    "exatamente um nó; recebido {value!r}.",
    "error.spec.target_missing": "{where}: o campo 'target' deve indicar a coluna-alvo; "
    "recebido {value!r}.",
    "error.spec.loss_for_task": "{where}: o campo 'loss' de uma saída {task} deve ser um "
    "destes: {options}; recebido {value!r}.",
    "error.spec.binary_units": "{where}: o campo 'units' de uma saída binária deve ser 1; "
    "recebido {value!r}.",
    "error.spec.multiclass_units": "{where}: o campo 'units' de uma saída multiclasse deve "
    "ser o número de classes (>= 2); recebido {value!r}.",
    "error.spec.name_and_type": "{where}: todo nó precisa de 'name' e 'type'.",
    "error.spec.nodes_list_of_nodes": "{where}: 'nodes' deve ser uma lista de nós; "
    "recebido {value!r}.",
    "error.spec.nodes_list": "{where}: 'nodes' deve ser uma lista; recebido {value!r}.",
    "error.spec.too_many_nodes": "{where}: são permitidos no máximo {max_nodes} nós; "
    "recebidos {count}.",
    "error.spec.not_a_node": "{where}: todo nó deve ser um Node; recebido {value}.",
    "error.spec.duplicate_name": "{where}: o campo 'name' é usado por dois nós.",
    "error.spec.unknown_input": "{where}: o campo 'inputs' indica {source!r}, que não é um "
    "nó deste modelo.",
    "error.spec.input_is_head": "{where}: o campo 'inputs' indica {source!r}, uma saída; "
    "saídas não podem alimentar outros nós.",
    "error.spec.inputs_repeat": "{where}: o campo 'inputs' não pode repetir um nó; "
    "recebido {value!r}.",
    "error.spec.sub_layer_clash": "{where}: o campo 'name' já é de uma camada do nó "
    "{owner!r} (sua camada {suffix}); renomeie-o.",
    "error.spec.no_input": "{where}: precisa de pelo menos um nó de entrada; nenhum recebido.",
    "error.spec.no_output": "{where}: precisa de pelo menos um nó de saída; nenhum recebido.",
    "error.spec.duplicate_target": "{where}: duas saídas preveem a mesma coluna-alvo "
    "{target!r}.",
    "error.spec.unused_node": "{where}: sua saída não é usada por nenhum nó; conecte-o ou "
    "remova-o.",
    "error.spec.hidden_activation": "{where}: {value!r} não é uma ativação para camadas "
    "ocultas.",
    "error.spec.cycle": "{where}: o campo 'inputs' fecha um ciclo entre {cycle}; uma rede "
    "precisa fluir em um só sentido.",
    "error.spec.shared_widths": "{where}: o campo 'inputs' aplica uma camada compartilhada a "
    "tensores de larguras diferentes {widths}; as entradas compartilhadas precisam ter a "
    "mesma largura.",
    "error.spec.head_branches": "{where}: o campo 'inputs' leva à saída {branches} ramos de "
    "uma camada compartilhada; junte-os antes com 'add' ou 'concatenate'.",
    "error.spec.add_two": "{where}: o campo 'inputs' de um nó 'add' deve trazer pelo menos "
    "dois tensores; recebido {value!r}.",
    "error.spec.concatenate_two": "{where}: o campo 'inputs' de um nó 'concatenate' deve "
    "trazer pelo menos dois tensores; recebido {value!r}.",
    "error.spec.add_widths": "{where}: o campo 'inputs' soma ramos de larguras diferentes "
    "({detail_text}); 'add' precisa de larguras iguais — use 'concatenate' ou mude as "
    "unidades.",
    "error.spec.not_an_object": "{where}: o campo '{field}' deve ser um objeto; recebido "
    "{value!r}.",
    "error.spec.part_missing": "{where}: falta a parte '{part}'.",
    "error.spec.too_many_branches": "{where}: o campo 'inputs' faz esta camada rodar em "
    "{branches} ramos de camadas compartilhadas; são permitidos no máximo {max_branches} (cada "
    "ramo é calculado à parte). Compartilhe a camada com menos nós, ou junte os ramos antes "
    "com 'add' ou 'concatenate'.",
    "error.limits.params": "Esta rede tem {params:,} parâmetros; este servidor treina no "
    "máximo {max_params:,} (o professor pode aumentar com {variable}). Use menos camadas ou "
    "camadas mais estreitas.",
    "error.limits.work": "Este treino precisa de cerca de {work_billions:,.1f} bilhões de "
    "multiplicações-somas ({macs:,} por amostra × {rows:,} linhas × {epochs:,} épocas × "
    "{variants} rede(s)); este servidor permite {max_billions:,.1f} bilhões (o professor pode "
    "aumentar com {variable}). Diminua as épocas, o número de amostras ou o tamanho das "
    "camadas.",
    "error.admission.own_busy": "Você já tem um treino rodando e um esperando ({running} "
    "rodando, {waiting} esperando, nesta ou em outra aba); espere um terminar ou aperte Parar.",
    "error.admission.queue_full": "A fila da turma está cheia ({waiting} treinos esperando); "
    "tente de novo em um instante.",
    "error.limits.bad_setting": "A configuração do servidor {variable} deve ser um número "
    "positivo, recebido {value!r}; peça ao professor para corrigi-la.",
    "error.table.row_name": "Linha {row}: dê um nome ao nó.",
    "error.table.row_type": "{where}: o campo 'type' está vazio; escolha input, dense, add, "
    "concatenate ou output.",
    "error.data.classification_features": "Conjunto de dados 'classification': {n_classes} "
    "classes precisam de pelo menos {needed} atributos (parâmetro 'n_features'); recebido "
    "{width}.",
    "error.data.not_feature": "{where}: a coluna {column!r} não é um atributo do conjunto de "
    "dados {dataset!r} (seus atributos: {features}).",
    "error.data.not_features": "{where}: as colunas {columns} não são atributos do conjunto "
    "de dados {dataset!r} (seus atributos: {features}).",
    "error.data.not_target": "{where}: o alvo {target!r} não é um alvo do conjunto de dados "
    "{dataset!r} (seus alvos: {targets}).",
    "error.data.task_mismatch": "{where}: a tarefa {task!r} não combina com o alvo "
    "{target!r} do conjunto de dados {dataset!r}, que é um alvo {target_task} ({detail}); "
    "mude a tarefa da saída para {target_task!r}.",
    "error.data.detail_classes": "{n_classes} classes",
    "error.data.detail_numbers": "números",
    "error.data.multiclass_units": "{where}: uma saída multiclasse precisa de uma unidade por "
    "classe; o alvo {target!r} tem {n_classes} classes ({classes}) e a saída tem {units} "
    "unidades.",
    "error.csv.utf16": "{where} está salvo como texto UTF-16; salve-o como 'CSV UTF-8' e "
    "envie-o de novo.",
    "error.csv.binary": "{where} não é um arquivo de texto (contém dados binários — uma "
    "planilha do Excel ou uma imagem?); exporte-o como CSV (separado por vírgulas, UTF-8) e "
    "envie esse arquivo.",
    "error.csv.not_utf8": "{where} não é texto UTF-8 (o byte 0x{byte} na posição {position} "
    "não é UTF-8 válido); o arquivo precisa ser UTF-8 — salve-o como 'CSV UTF-8' e envie-o "
    "de novo.",
    "error.csv.control_characters": "{where} não parece um arquivo CSV de texto (contém "
    "caracteres de controle); exporte-o como CSV (separado por vírgulas, UTF-8) e envie esse "
    "arquivo.",
    "error.csv.empty": "{where} está vazio.",
    "error.csv.too_big": "{where} tem {size_mb:g} MB; o limite é {limit_mb:g} MB. Envie "
    "menos linhas ou colunas.",
    "error.csv.duplicate_column": "{where}: o nome de coluna {column!r} aparece {count} vezes "
    "no cabeçalho; cada coluna precisa de um nome próprio.",
    "error.csv.too_many_columns": "{where} tem {count} colunas; o limite é {limit}.",
    "error.csv.no_columns": "{where} não tem colunas.",
    "error.csv.row_width": "{where}: a linha {line} tem {saw} valores, mas o cabeçalho tem "
    "{expected} colunas; cada linha precisa de um valor por coluna.",
    "error.csv.unreadable": "{where} não pôde ser lido como CSV: {reason}",
    "error.csv.other_delimiter": "{where} foi lido como uma única coluna, mas seu cabeçalho "
    "contém {delimiter_name} ({delimiter!r}): parece usar outro separador. Salve-o como "
    "valores separados por vírgulas (CSV) e envie-o de novo.",
    "error.csv.delimiter.commas": "vírgulas",
    "error.csv.delimiter.semicolons": "pontos e vírgulas",
    "error.csv.delimiter.tabs": "tabulações",
    "error.csv.delimiter.bars": "barras verticais",
    "error.csv.delimiter.spaces": "espaços",
    "error.csv.one_column": "{where} tem só uma coluna ({column!r}); um conjunto de dados "
    "precisa de pelo menos uma coluna de atributos e uma coluna-alvo, separadas por vírgulas.",
    "error.csv.no_rows": "{where} tem uma linha de cabeçalho, mas nenhuma linha de dados.",
    "error.csv.too_many_rows": "{where} tem {rows:,} linhas; o limite é {limit:,}. Envie uma "
    "amostra das linhas.",
    "error.csv.too_few_rows": "{where} tem só {rows} linhas de dados; são necessárias pelo "
    "menos {minimum} para treinar e testar um modelo.",
    "error.csv.no_numeric": "{where} não tem colunas numéricas (colunas: {columns}); uma rede "
    "precisa de números como atributos.",
    "error.csv.store_failed": "O servidor não conseguiu guardar o arquivo enviado ({reason}); "
    "tente de novo.",
    "error.share.upload_not_here": "Este link cita um arquivo CSV enviado que não está neste "
    "servidor (foi enviado em outro navegador ou outro servidor, ou removido para manter os "
    "envios dentro da cota). A rede e as configurações de treino são mantidas, aqui com os "
    "dados aleatórios do notebook; envie o arquivo de novo para treinar com ele.",
    "error.csv.open_quote": "{where} tem aspas (\") na linha {line} que nunca se fecham, "
    "então tudo o que vem depois é lido como um único texto. Feche ou remova essas aspas e "
    "envie o arquivo de novo.",
    "error.csv.gone": "Conjunto de dados 'csv': o arquivo enviado não está mais no servidor; "
    "envie-o de novo. (Ele foi enviado a outro servidor, ou removido para manter os envios "
    "dentro da cota deste servidor, os mais antigos primeiro.)",
    "error.csv.hash_mismatch": "Conjunto de dados 'csv': o arquivo guardado não confere mais "
    "com seu hash; envie-o de novo.",
    "error.csv.text_features": "Conjunto de dados 'csv': {subject}{example}; o funcnet "
    "precisa de números como atributos e não descarta colunas por conta própria. Remova ou "
    "codifique essas colunas no arquivo, ou escolha uma delas como alvo (agora {target!r})."
    "{hint}",
    "error.csv.subject_one": "a coluna de atributos {column!r} não é numérica",
    "error.csv.subject_many": "as colunas de atributos {columns} não são numéricas",
    "error.csv.example_feature": " (por exemplo {value!r} na linha de dados {row} de "
    "{column!r})",
    "error.csv.decimal_comma": " Os números devem usar ponto decimal, não vírgula decimal.",
    "error.csv.missing_features": "Conjunto de dados 'csv': a coluna de atributos {column!r} "
    "({count} valores ausentes ou infinitos){more}; preencha ou remova essas linhas.",
    "error.csv.more_columns": " e mais {more_count} coluna(s)",
    "error.csv.target_missing": "Conjunto de dados 'csv': a coluna-alvo {column!r} tem "
    "{count} valor(es) ausente(s) ou infinito(s); preencha ou remova essas linhas.",
    "error.csv.target_one_value": "Conjunto de dados 'csv': a coluna-alvo {column!r} tem um "
    "só valor ({value!r}); um modelo precisa de pelo menos duas classes ou valores para "
    "aprender. Escolha outro alvo.",
    "error.csv.target_not_numeric": "Conjunto de dados 'csv': a coluna-alvo {column!r} não é "
    "numérica{example}; regressão precisa de números — escolha a tarefa 'binary' ou "
    "'multiclass'.",
    "error.csv.huge_values": "Conjunto 'csv': a coluna {column!r} tem {value:g} (linha de "
    "dados {row}); números além de ±{limit:g} não podem ser treinados: a rede calcula com "
    "floats de 32 bits (no máximo cerca de 3,4e38) e a perda eleva valores ao quadrado, então "
    "ela ficaria infinita. Reescale a coluna (por exemplo, divida-a por uma potência de dez).",
    "error.csv.example_target": " (por exemplo {value!r} na linha de dados {row})",
    "error.csv.binary_values": "Conjunto de dados 'csv': a tarefa 'binary' precisa de um alvo "
    "com exatamente 2 valores; a coluna {column!r} tem {count}. Escolha a tarefa "
    "'multiclass' ou 'regression'.",
    "error.csv.too_many_classes": "Conjunto de dados 'csv': a coluna-alvo {column!r} tem "
    "{count} valores distintos, mais que as {limit} classes que o funcnet trata; "
    "{suggestion}.",
    "error.csv.suggest_regression": "escolha a tarefa 'regression' para prevê-la como número",
    "error.csv.suggest_other_target": "escolha outro alvo",
    "error.csv.bad_target": "Conjunto de dados 'csv': o parâmetro 'target' deve ser uma "
    "coluna do arquivo; recebido {target!r} (colunas: {columns}).",
    "error.train.no_fit_rows": "{where}: o campo 'validation_split' não deixa linhas para "
    "treinar ({rows} linhas de treino); recebido {value!r}.",
    "error.train.boundary_features": "{where}: o campo 'boundary_grid' precisa de um conjunto "
    "de dados com dois atributos; recebidos {count}.",
    "error.train.out_of_memory": "O treino ficou sem memória: diminua a rede, o tamanho do "
    "lote ou o conjunto de dados e tente de novo.",
    "error.train.failed": "O treino falhou ({kind}: {detail}).",
    "error.train.failed_bare": "O treino falhou ({kind}).",
    "error.train.loss_nan": "NaN",
    "error.train.loss_infinite": "infinita",
    "error.train.nan_no_epoch": "A perda virou {loss} na época {epoch} (a taxa de "
    "aprendizado {learning_rate:g} provavelmente é alta demais); nenhuma época terminou, "
    "então não há modelo para avaliar. Diminua a taxa de aprendizado e tente de novo.",
    "error.train.nan_kept": "A perda virou {loss} na época {epoch} (a taxa de aprendizado "
    "{learning_rate:g} provavelmente é alta demais); {kept_part}.",
    "error.train.nan_restored": "A perda virou {loss} na época {epoch} (a taxa de "
    "aprendizado {learning_rate:g} provavelmente é alta demais); {kept_part} e o modelo da "
    "época {kept} é avaliado.",
    "error.train.kept_one": "a época anterior foi mantida",
    "error.train.kept_many": "as {kept} épocas anteriores foram mantidas",
    "error.train.stopped_in_first_epoch": "Parado durante a época 1 de {epochs}, antes de "
    "qualquer época terminar.",
    "error.train.stopped_at": "Parado na época {epoch} de {epochs}.",
    "error.train.stopped_before_start": "Parado antes de o treino começar.",
    "error.train.stopped_sampled": "{stopped} Testado nas primeiras {rows} de {total} linhas "
    "de teste, para que os resultados cheguem logo.",
    "error.jobs.worker_died": "O processo de treino parou inesperadamente (código de saída "
    "{exit_code}); o trabalho não terminou. Tente de novo.",
    "error.jobs.workers_broken": "O treino está temporariamente indisponível: os processos de "
    "treino não conseguiram iniciar (código de saída {exit_code}). O servidor tenta de novo em "
    "{seconds} s; o trabalho não foi executado.",
    "error.jobs.cancelled_queued": "Parado antes de começar.",
    "error.jobs.pool_shut_down": "O conjunto de processos de treino foi encerrado; o trabalho "
    "não terminou.",
    "error.jobs.worker_lost": "O processo de treino parou inesperadamente; o trabalho não "
    "terminou. Tente de novo.",
    "error.jobs.cluster_unreachable": "Não foi possível contatar o cluster de treino em "
    "{address}; o trabalho não foi executado. Verifique se o agendador está rodando e tente "
    "de novo.",
    "error.jobs.cluster_lost": "A conexão com o cluster de treino caiu; o trabalho não "
    "terminou. Tente de novo quando ele voltar.",
    "error.jobs.cluster_error": "O cluster de treino não conseguiu executar o trabalho; veja "
    "o log do servidor.",
    "error.jobs.versions_differ": "O cluster de treino tem versões de pacotes diferentes das "
    "deste servidor: {packages}. Instale os mesmos requisitos em todas as máquinas.",
    "error.jobs.stopped_ended": "{stopped} Um lote desta rede demora demais para esperar, "
    "então o processo de treino foi encerrado para parar logo: as épocas até aqui foram "
    "mantidas, mas não há modelo para testar.",
    "error.data.param_text": "Conjunto de dados {dataset!r}: o parâmetro {param!r} deve ser "
    "um texto não vazio; recebido {value!r}.",
    "error.data.param_number": "Conjunto de dados {dataset!r}: o parâmetro {param!r} deve ser "
    "um número; recebido {value!r}.",
    "error.data.param_whole": "Conjunto de dados {dataset!r}: o parâmetro {param!r} deve ser "
    "um número inteiro; recebido {value!r}.",
    "error.data.param_finite": "Conjunto de dados {dataset!r}: o parâmetro {param!r} deve ser "
    "um número finito; recebido {value!r}.",
    "error.data.param_range": "Conjunto de dados {dataset!r}: o parâmetro {param!r} deve "
    "estar entre {low:g} e {high:g}; recebido {value!r}.",
    "error.data.unknown_params": "Conjunto de dados {dataset!r}: parâmetro(s) "
    "desconhecido(s) {unknown}; ele aceita {allowed}.",
    "error.data.unknown_params_none": "Conjunto de dados {dataset!r}: parâmetro(s) "
    "desconhecido(s) {unknown}; ele não aceita nenhum parâmetro.",
    "error.data.csv_hash": "Conjunto de dados 'csv': o parâmetro 'sha256' deve ser o hash de "
    "64 dígitos hexadecimais de um arquivo enviado; recebido {value!r}.",
    "error.data.csv_task": "Conjunto de dados 'csv': o parâmetro 'task' deve ser um destes: "
    "{options}; recebido {value!r}.",
    "error.activation.unknown": "Função de ativação desconhecida: {value!r}. Ativações "
    "conhecidas: {known}.",
    "error.share.file_too_big": "O arquivo de configuração tem {size:,} bytes; o limite é "
    "{limit:,} bytes. Uma configuração do funcnet é bem menor — é o arquivo certo?",
    "error.share.file_not_utf8": "O arquivo de configuração não é texto UTF-8 (o byte "
    "{position} não é UTF-8 válido); envie um arquivo JSON salvo pelo funcnet.",
    "error.share.file_empty": "O arquivo de configuração está vazio.",
    "error.share.bad_json": "{where} não é um JSON válido: {problem} na linha {line}, coluna "
    "{column}.",
    "error.share.too_deep": "{where} tem aninhamento profundo demais para ser uma "
    "configuração do funcnet.",
    "error.share.not_finite": "{where} tem um valor inválido: o valor {constant} não é "
    "permitido em uma configuração (os números devem ser finitos).",
    "error.share.number_too_long": "{where} tem um valor inválido: um número longo demais "
    "para ser lido.",
    "error.share.not_object": "{where} deve ser um objeto JSON com 'model', 'data' e "
    "'train'; recebido em JSON: {json_type}.",
    "error.share.invalid_setup": "{where} traz uma configuração inválida: {cause}",
    "error.share.malformed_setup": "{where} traz uma configuração malformada ({problem}).",
    "error.share.param_not_text": "Link de compartilhamento: o parâmetro {key!r} deve ser "
    "texto; recebido {value!r}.",
    "error.share.version": "Este link foi criado por outra versão do funcnet (formato de link "
    "{version!r}; esta lê o formato {expected!r}).",
    "error.share.incomplete": "Este link está incompleto — talvez tenha sido cortado ao ser "
    "copiado. Copie o link inteiro de novo.",
    "error.share.no_setup": "Este link não traz nenhuma configuração.",
    "error.share.unknown_preset": "Este link indica o modelo pronto {preset!r}, que não "
    "existe; modelos prontos conhecidos: {known}.",
    "error.share.too_long": "A configuração deste link tem {length:,} caracteres; o limite é "
    "{limit:,}. Ele não foi criado pelo funcnet.",
    "error.share.bad_characters": "Este link foi alterado depois de criado: {what} contém "
    "caracteres que um link do funcnet nunca tem.",
    "error.share.bad_checksum": "Este link foi alterado depois de criado: sua soma de "
    "verificação {check!r} não tem {length} dígitos hexadecimais.",
    "error.share.checksum_mismatch": "Este link foi alterado depois de criado: {what} não "
    "confere com a soma de verificação.",
    "error.share.partial_bytes": "Este link está danificado: {what} não tem um número inteiro "
    "de bytes codificados (caracteres foram perdidos ou acrescentados).",
    "error.share.undecodable": "Este link está danificado: {what} não pode ser decodificada.",
    "error.share.not_decompressible": "Este link foi alterado ou danificado depois de criado: "
    "{what} não pode ser descompactada.",
    "error.share.expands": "Neste link, {what} se expande para mais de {limit:,} bytes; ele "
    "não foi criado pelo funcnet.",
    "error.share.ends_early": "Este link foi alterado ou danificado depois de criado: {what} "
    "termina cedo demais.",
    "error.share.extra_data": "Este link foi alterado depois de criado: {what} tem dados a "
    "mais.",
    "error.share.not_utf8": "Este link está danificado: {what} não é texto UTF-8.",
    "error.share.part.setup": "a parte da configuração",
    "error.share.part.class_settings": "a parte das configurações da turma",
    "error.json.type.array": "uma lista (array)",
    "error.json.type.string": "um texto (string)",
    "error.json.type.number": "um número",
    "error.json.type.boolean": "um valor lógico (boolean)",
    "error.json.type.null": "um valor nulo (null)",
    "error.json.type.value": "um valor",
    "error.json.problem.expecting_value": "esperava um valor",
    "error.json.problem.expecting_name": "esperava um nome de propriedade entre aspas duplas",
    "error.json.problem.expecting_colon": "esperava o separador ':'",
    "error.json.problem.expecting_comma": "esperava o separador ','",
    "error.json.problem.unterminated_string": "texto sem aspas de fechamento, começando",
    "error.json.problem.control_character": "caractere de controle inválido",
    "error.json.problem.bad_escape": "sequência de escape \\ inválida",
    "error.json.problem.bad_unicode_escape": "escape \\uXXXX inválido",
    "error.json.problem.extra_data": "dados a mais depois do JSON",
    "error.json.problem.trailing_comma_object": "vírgula sobrando antes do fim do objeto",
    "error.json.problem.trailing_comma_array": "vírgula sobrando antes do fim da lista",
    "error.raw": "{text}",
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
