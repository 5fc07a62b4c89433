// packageName put the class in it.standalone; standalone=true made it depend on the JDK
// only (the project has no rnnc-runtime), and the project's test ran it.
File generated = new File(basedir, 'target/generated-sources/rnnc/it/standalone/WindowSentiment.java')
assert generated.isFile()
String source = generated.getText('UTF-8')
assert source.contains('package it.standalone;')
assert !source.contains('dev.rnnc.runtime')
assert !source.contains('implements')
assert !new File(basedir, 'target/generated-sources/rnnc/dev').exists()

List<String> log = new File(basedir, 'build.log').readLines('UTF-8')
assert log.contains('[INFO] rnnc: window_sentiment.yaml -> it/standalone/WindowSentiment.java')
assert log.any { it.contains('Tests run: 2, Failures: 0, Errors: 0, Skipped: 0') }
