package dev.kiln.engine;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The engine's package rules from ARCHITECTURE.md, checked on the compiled classes. */
class ArchitectureTest {
  private static JavaClasses engine;

  @BeforeAll
  static void importClasses() {
    engine = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
        .importPackages("dev.kiln.engine", "dev.kiln.solver");
  }

  @Test
  void onlyTheSysPackageUsesTheForeignFunctionApi() {
    noClasses().that().resideOutsideOfPackage("dev.kiln.engine.sys..")
        .should().dependOnClassesThat().resideInAPackage("java.lang.foreign..")
        .check(engine);
  }

  @Test
  void theSolverKnowsNothingOfTheEngine() {
    noClasses().that().resideInAPackage("dev.kiln.solver..")
        .should().dependOnClassesThat().resideInAnyPackage("dev.kiln.engine..", "dev.kiln.llb..", "dev.kiln.proto..")
        .check(engine);
  }

  @Test
  void siblingImplementationsNeverImportEachOther() {
    slices().matching("dev.kiln.engine.snapshot.(*)..").should().notDependOnEachOther()
        .ignoreDependency(com.tngtech.archunit.base.DescribedPredicate.alwaysTrue(),
            com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage("dev.kiln.engine.snapshot"))
        .check(engine);
    slices().matching("dev.kiln.engine.source.(*)..").should().notDependOnEachOther()
        .ignoreDependency(com.tngtech.archunit.base.DescribedPredicate.alwaysTrue(),
            com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage("dev.kiln.engine.source"))
        .check(engine);
  }

  @Test
  void onlyTheWorkerNamesImplementations() {
    noClasses().that().resideOutsideOfPackages("dev.kiln.engine.worker..", "dev.kiln.engine.snapshot.copy..",
            "dev.kiln.engine.snapshot.overlay..", "dev.kiln.engine.executor.runc..", "dev.kiln.engine.source.local..",
            "dev.kiln.engine.source.git..", "dev.kiln.engine.source.http..")
        .should().dependOnClassesThat().resideInAnyPackage("dev.kiln.engine.snapshot.copy..",
            "dev.kiln.engine.snapshot.overlay..", "dev.kiln.engine.executor.runc..", "dev.kiln.engine.source.local..",
            "dev.kiln.engine.source.git..", "dev.kiln.engine.source.http..")
        .check(engine);
  }

  @Test
  void theExecutorSpiDoesNotKnowTheCache() {
    noClasses().that().resideInAPackage("dev.kiln.engine.executor..")
        .should().dependOnClassesThat().resideInAnyPackage("dev.kiln.engine.cache..", "dev.kiln.solver..")
        .check(engine);
  }
}
