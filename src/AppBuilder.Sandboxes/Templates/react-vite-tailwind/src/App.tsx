export default function App() {
  return (
    <main className="flex min-h-screen items-center justify-center bg-gradient-to-br from-slate-50 to-slate-200 p-8">
      <div className="max-w-md text-center">
        <div className="mx-auto mb-6 flex h-14 w-14 items-center justify-center rounded-2xl bg-slate-900 text-2xl text-white shadow-lg">
          ✦
        </div>
        <h1 className="text-3xl font-semibold tracking-tight text-slate-900">Your app will appear here</h1>
        <p className="mt-3 text-slate-600">
          Describe what you want to build in the chat, and the preview updates as the code is written.
        </p>
      </div>
    </main>
  );
}
